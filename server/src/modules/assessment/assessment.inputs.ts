import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../common/local-date.scalar';
import { CoefficientBasis, UnitKind } from '../unit';
import { ProjectStage } from '../project';

@InputType({ description: 'A period: a year, a quarter or a month of a year, or an explicit from–to.' })
export class PeriodInput {
  @Field(() => Int, { nullable: true }) year?: number;
  @Field(() => Int, { nullable: true, description: '1–4, with year.' }) quarter?: number;
  @Field(() => Int, { nullable: true, description: '1–12, with year.' }) month?: number;
  @Field(() => LocalDateScalar, { nullable: true }) from?: string;
  @Field(() => LocalDateScalar, { nullable: true }) to?: string;
}

@InputType({ description: 'A start-rate target at a month end.' })
export class StartRateTargetInput {
  @Field(() => Int) month: number;
  @Field(() => Float) rate: number;
}

@InputType({ description: 'The yearly rules of the assessment; omitted fields keep their value (or the default for a new year).' })
export class AssessmentRuleInput {
  @Field(() => Int) year: number;
  @Field(() => Float, { nullable: true, description: '0–1; 0 turns the placement rule off.' }) hostShare?: number;
  @Field(() => Float, { nullable: true, description: '万元' }) bigProjectThreshold?: number;
  @Field(() => Float, { nullable: true }) weightTotal?: number;
  @Field(() => Float, { nullable: true }) weightForeign?: number;
  @Field(() => Float, { nullable: true }) weightCount?: number;
  @Field(() => Int, { nullable: true }) reminderDays?: number;
  @Field(() => Int, { nullable: true }) eliminationDays?: number;
  @Field(() => Int, { nullable: true }) backdateDays?: number;
  @Field(() => [StartRateTargetInput], { nullable: true }) startRateCurve?: StartRateTargetInput[];
}

@InputType({ description: 'A category coefficient for a year.' })
export class AssessmentCoefficientInput {
  @Field(() => Int) year: number;
  @Field(() => String) categoryCode: string;
  @Field(() => Float, { description: '0–1; 0 excludes the category from the assessment.' }) coefficient: number;
  @Field(() => CoefficientBasis, { nullable: true }) basis?: CoefficientBasis;
}

@InputType({ description: 'A unit\'s annual target.' })
export class AnnualTargetInput {
  @Field(() => ID) unitId: string;
  @Field(() => Int) year: number;
  @Field(() => Float, { description: '万元 (1亿元 = 10000万元).' }) totalAmount: number;
  @Field(() => Float, { description: '万美元' }) foreignAmount: number;
  @Field(() => Int, { description: 'Projects of at least the year\'s threshold.' }) bigProjectCount: number;
}

@InputType({ description: 'A new or changed assessment unit.' })
export class AssessmentUnitInput {
  @Field(() => ID, { nullable: true, description: 'Omit to create.' }) id?: string;
  @Field(() => String) code: string;
  @Field(() => String) name: string;
  @Field(() => UnitKind) kind: UnitKind;
  @Field(() => ID, { nullable: true, description: 'The district/county region; required for a district unit.' }) regionId?: string;
}

@InputType({ description: 'Filters of the bureau\'s project list; all optional and combined with AND.' })
export class ProjectListFilter {
  @Field(() => ID, { nullable: true, description: 'Introducing unit.' }) unitId?: string;
  @Field(() => ID, { nullable: true, description: 'Location region.' }) regionId?: string;
  @Field(() => ID, { nullable: true }) parkId?: string;
  @Field(() => ID, { nullable: true }) chainId?: string;
  @Field(() => String, { nullable: true }) categoryCode?: string;
  @Field(() => [ProjectStage], { nullable: true }) stages?: ProjectStage[];
  @Field(() => Boolean, { nullable: true }) overdue?: boolean;
  @Field(() => Boolean, { nullable: true }) belowIntensityFloor?: boolean;
  @Field(() => Boolean, { nullable: true }) reminder?: boolean;
  @Field(() => Boolean, { nullable: true }) elimination?: boolean;
  @Field(() => String, { nullable: true, description: 'Substring of the name or code.' }) text?: string;
}
