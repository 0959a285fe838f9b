import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../common/local-date.scalar';
import type { AssessmentUnit } from '../unit';

export enum RateGroup { CITY = 'CITY', UNIT = 'UNIT', REGION = 'REGION', PARK = 'PARK' }
registerEnumType(RateGroup, {
  name: 'RateGroup',
  description: 'How rates are grouped: the whole city, by introducing unit, or by location (region, park).',
});

export enum CreditRole { OWN = 'own', HOST = 'host' }
registerEnumType(CreditRole, { name: 'CreditRole', description: 'OWN: the introducing unit; HOST: the county hosting a department\'s project (placement rule).' });

/** The yearly knobs of the assessment (data, not code). */
@ObjectType({ description: 'Yearly rules of the assessment (考核), editable by admin.' })
export class AssessmentRule {
  @Field(() => Int) year: number;
  @Field(() => Float, { description: 'Placement rule: share credited to the host county of a department\'s project; 0 turns it off.' }) hostShare: number;
  @Field(() => Float, { description: 'Agreed investment (万元) from which a project counts as ≥1亿.' }) bigProjectThreshold: number;
  @Field(() => Float) weightTotal: number;
  @Field(() => Float) weightForeign: number;
  @Field(() => Float) weightCount: number;
  @Field(() => Int, { description: '提醒制: days without activity before a negotiating project is flagged.' }) reminderDays: number;
  @Field(() => Int, { description: '淘汰制: days without progress before a lead is proposed for elimination.' }) eliminationDays: number;
  @Field(() => Int, { description: 'A fund arrival recorded more than this many days after its date is flagged as back-dated.' }) backdateDays: number;
  @Field(() => [StartRateTarget], { description: 'Start-rate targets at month ends (seed 003: 30% by March, 80% by June, 100% by October).' }) startRateCurve: StartRateTarget[];
}

@ObjectType({ description: 'A start-rate target at the end of a month.' })
export class StartRateTarget {
  @Field(() => Int) month: number;
  @Field(() => Float) rate: number;
}

/** One unit's line in a ranking. */
@ObjectType({ description: 'A unit\'s credited amounts, completion, score and rank for a year as of a date.' })
export class UnitScore {
  unitId: number;
  /** The unit as the ranking read it (as recorded, when the ranking is); served by UnitScoreResolver.unit. */
  unit?: AssessmentUnit;
  @Field(() => String) code: string;
  @Field(() => String, { description: 'district or department' }) kind: string;
  @Field(() => Float, { description: 'Target total, 万元.' }) targetTotal: number;
  @Field(() => Float, { description: 'Target total in 亿元, as published.' }) get targetTotalYi(): number { return Number((this.targetTotal / 10000).toFixed(6)); }
  @Field(() => Float, { description: 'Target foreign, 万美元.' }) targetForeign: number;
  @Field(() => Int) targetCount: number;
  @Field(() => Float, { description: 'Credited total, 万元 (own + hosted).' }) creditedTotal: number;
  @Field(() => Float, { description: 'Credited from its own projects, 万元.' }) creditedOwn: number;
  @Field(() => Float, { description: 'Credited as host county of departments\' projects (placement rule), 万元.' }) creditedHosted: number;
  @Field(() => Float, { description: 'Credited foreign part, 万美元.' }) creditedForeign: number;
  @Field(() => Int, { description: 'Projects ≥ threshold signed in the year by as-of, not terminated, not excluded.' }) bigProjectCount: number;
  @Field(() => Float, { nullable: true, description: 'Credited ÷ target total, uncapped; null when the target is 0.' }) completionTotal: number | null;
  @Field(() => Float, { nullable: true }) completionForeign: number | null;
  @Field(() => Float, { nullable: true }) completionCount: number | null;
  @Field(() => Float, { description: 'Σ weight × completion (a completion of null contributes 0).' }) score: number;
  @Field(() => Int, { description: 'Rank within its kind (1 = best; ties share a rank).' }) rank: number;
  @Field(() => Int) unitsRanked: number;
}

@ObjectType({ description: 'A ranking (一季一评比) for a year as of a date: districts/counties and departments separately.' })
export class AssessmentRanking {
  @Field(() => Int) year: number;
  @Field(() => LocalDateScalar) asOf: string;
  @Field(() => Date, { nullable: true, description: 'When set, only entries recorded by then were counted (as published).' }) recordedBy: Date | null;
  @Field(() => AssessmentRule) rule: AssessmentRule;
  @Field(() => [UnitScore]) districts: UnitScore[];
  @Field(() => [UnitScore]) departments: UnitScore[];
  @Field(() => [UnitScore], { description: 'The bottom three districts/counties, lowest first (named in the report).' }) bottomDistricts: UnitScore[];
  @Field(() => [UnitScore], { description: 'The bottom three departments, lowest first.' }) bottomDepartments: UnitScore[];
}

@ObjectType({ description: 'One fund arrival as it counts toward a unit\'s credit: amount × coefficient × share.' })
export class CreditLine {
  @Field(() => ID) arrivalId: number;
  projectId: number;
  @Field(() => CreditRole) role: CreditRole;
  @Field(() => LocalDateScalar) arrivedOn: string;
  @Field(() => Float, { description: '万元' }) amount: number;
  @Field(() => Float, { description: '万美元' }) foreignAmount: number;
  @Field(() => String) categoryCode: string;
  @Field(() => Float, { description: 'The category coefficient of the year.' }) coefficient: number;
  @Field(() => Float, { description: '1 for the introducing unit; the host share for the host county.' }) share: number;
  @Field(() => Float, { description: '万元' }) credited: number;
  @Field(() => Float, { description: '万美元' }) creditedForeign: number;
  @Field(() => Date) recordedAt: Date;
  @Field(() => Int, { description: 'Days between the claimed date and the day it was recorded (China time).' }) recordedAfterDays: number;
  @Field(() => Boolean, { description: 'Recorded more than the year\'s backdateDays after its date.' }) backdated: boolean;
}

@ObjectType({ description: 'A fund arrival recorded long after the date it claims.' })
export class BackdatedArrival {
  @Field(() => ID) arrivalId: number;
  projectId: number;
  unitId: number;
  @Field(() => LocalDateScalar) arrivedOn: string;
  @Field(() => Float) amount: number;
  @Field(() => Float) foreignAmount: number;
  @Field(() => Date) recordedAt: Date;
  @Field(() => String) evidenceRef: string;
  @Field(() => Int) recordedAfterDays: number;
}

@ObjectType({ description: 'An entry that counts for the ranking but was recorded after it was published.' })
export class LateEntry {
  @Field(() => String, { description: 'fund_arrival or project_stage_event' }) entity: string;
  @Field(() => ID) entityId: number;
  projectId: number;
  unitId: number;
  @Field(() => LocalDateScalar, { description: 'The date it claims (arrival date or stage date).' }) effectiveOn: string;
  @Field(() => Date) recordedAt: Date;
  @Field(() => Float, { nullable: true }) amount: number | null;
  @Field(() => String, { nullable: true, description: 'SIGNED or TERMINATED for stage events.' }) stage: string | null;
}

@ObjectType({ description: 'An audited edit, made after a ranking was published, of something the ranking reads: one changed field.' })
export class LateEdit {
  @Field(() => String, { description: 'project, assessment_rule, assessment_coefficient, annual_target or assessment_unit' }) entity: string;
  @Field(() => String, { description: 'The edited row (a project or unit id, a year, "year:category", "unit id:year").' }) entityId: string;
  projectId: number | null;
  @Field(() => String, { description: 'The field as the API names it, e.g. categoryCode, introducingUnitId, hostShare, coefficient.' }) field: string;
  @Field(() => String, { nullable: true, description: 'The value the published ranking read (references by name).' }) before: string | null;
  @Field(() => String, { nullable: true, description: 'The value after the edit.' }) after: string | null;
  @Field(() => Date) recordedAt: Date;
  @Field(() => String) actorName: string;
}

@ObjectType({ description: 'How a unit\'s line moved between the published ranking and today\'s records.' })
export class RankingChange {
  unitId: number;
  @Field(() => String) kind: string;
  @Field(() => Int, { nullable: true }) rankThen: number | null;
  @Field(() => Int, { nullable: true }) rankNow: number | null;
  @Field(() => Float, { nullable: true }) scoreThen: number | null;
  @Field(() => Float, { nullable: true }) scoreNow: number | null;
  @Field(() => Float) creditedThen: number;
  @Field(() => Float) creditedNow: number;
}

@ObjectType({ description: 'What changed in a ranking since it was published, because of late or back-dated entries.' })
export class RankingRevision {
  @Field(() => Int) year: number;
  @Field(() => LocalDateScalar) asOf: string;
  @Field(() => Date) publishedAt: Date;
  @Field(() => [RankingChange], { description: 'Units whose credited amount, score or rank differ.' }) changes: RankingChange[];
  @Field(() => [LateEntry]) lateEntries: LateEntry[];
  @Field(() => [LateEdit], { description: 'Audited edits after publication of project attributes, rules, coefficients, targets or units the ranking reads.' }) lateEdits: LateEdit[];
}

@ObjectType({ description: 'The four rates of one group (city, unit, region or park).' })
export class RateRow {
  groupId: number | null;
  group: RateGroup;
  @Field(() => Int, { description: '|C|: projects signed in the period, by as-of.' }) cohort: number;
  @Field(() => Int, { description: 'Company registered and any funds in place by as-of.' }) fulfilled: number;
  @Field(() => Int) started: number;
  @Field(() => Int) producing: number;
  @Field(() => Int, { description: 'Terminated by as-of (they stay in the denominator).' }) terminated: number;
  @Field(() => Float, { description: 'Σ funds in place by as-of, 万元.' }) fundsInPlace: number;
  @Field(() => Float, { description: 'Σ agreed investment, 万元.' }) agreed: number;
  @Field(() => Float, { description: '履约率' }) fulfilmentRate: number;
  @Field(() => Float, { description: '开工率' }) startRate: number;
  @Field(() => Float, { description: '投产率' }) productionRate: number;
  @Field(() => Float, { nullable: true, description: '资金到位率; null when Σ agreed is 0.' }) fundsRate: number | null;
}

@ObjectType({ description: 'One project of a rate cohort and the rules it met or missed.' })
export class RateCohortEntry {
  projectId: number;
  @Field(() => LocalDateScalar) signedOn: string;
  @Field(() => LocalDateScalar, { nullable: true }) companyRegisteredOn: string | null;
  @Field(() => Boolean, { description: 'Company registered (USCC) by as-of.' }) registered: boolean;
  @Field(() => Float) fundsInPlace: number;
  @Field(() => Float) agreed: number;
  @Field(() => LocalDateScalar, { nullable: true }) startedOn: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) producedOn: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) terminatedOn: string | null;
  @Field(() => Boolean, { description: '履约: registered and any funds by as-of.' }) fulfilled: boolean;
  @Field(() => Boolean, { description: '开工 reached by as-of.' }) started: boolean;
  @Field(() => Boolean, { description: '投产 reached by as-of.' }) producing: boolean;
}

@ObjectType({ description: 'The start rate at a month end against the target curve.' })
export class MonthStartRate {
  @Field(() => Int) month: number;
  @Field(() => LocalDateScalar, { description: 'Month end, or the as-of date in its month.' }) asOf: string;
  @Field(() => Int) cohort: number;
  @Field(() => Int) started: number;
  @Field(() => Float, { nullable: true }) rate: number | null;
  @Field(() => Float, { nullable: true, description: 'The target curve at this month (linear between the configured points, 0 at the start of the year).' }) target: number | null;
}


export enum ProjectListSort { CODE = 'CODE', NAME = 'NAME', AGREED_DESC = 'AGREED_DESC', FUNDS_DESC = 'FUNDS_DESC', SIGNED_DESC = 'SIGNED_DESC', STAGE = 'STAGE' }
registerEnumType(ProjectListSort, { name: 'ProjectListSort', description: 'Order of the project list.' });

@ObjectType({ description: 'A project in the bureau\'s list, with funds in place and the 五项制度 flags as of a date.' })
export class ProjectListRow {
  id: number;
  @Field(() => LocalDateScalar, { nullable: true }) signedOn: string | null;
  @Field(() => Float, { description: '万元, by the as-of date.' }) fundsInPlace: number;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Latest stage date, arrival or edit.' }) lastActivityOn: string | null;
  @Field(() => Boolean, { description: '节点制: a milestone is past due and not done.' }) overdue: boolean;
  @Field(() => Boolean, { description: 'Under its park\'s investment-intensity floor.' }) belowFloor: boolean;
  @Field(() => Boolean, { description: '提醒制: negotiating with no activity for the year\'s reminderDays.' }) reminder: boolean;
  @Field(() => Boolean, { description: '淘汰制: a lead without progress for the year\'s eliminationDays.' }) elimination: boolean;
}

@ObjectType({ description: 'A page of the project list with totals over every matching project.' })
export class ProjectListPage {
  @Field(() => Int) totalCount: number;
  @Field(() => Float, { description: 'Σ agreed investment, 万元.' }) totalAgreed: number;
  @Field(() => Float, { description: 'Σ funds in place by as-of, 万元.' }) totalFundsInPlace: number;
  @Field(() => [ProjectListRow]) rows: ProjectListRow[];
}
