import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from '../../common/numeric';

export enum UnitKind { DISTRICT = 'district', DEPARTMENT = 'department' }
registerEnumType(UnitKind, { name: 'UnitKind', valuesConfig: { DISTRICT: { description: '区、县、功能区' }, DEPARTMENT: { description: '市直部门' } } });

export enum CoefficientBasis { FUNDS_IN_PLACE = 'funds_in_place', REGISTERED_CAPITAL = 'registered_capital' }
registerEnumType(CoefficientBasis, { name: 'CoefficientBasis', description: 'What the coefficient multiplies (seed 004).' });

/** 考核单位: a district/county/functional zone or a municipal department with annual targets. */
@ObjectType({ description: '考核单位 assessment unit.' })
@Entity('assessment_unit')
export class AssessmentUnit {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Field(() => String) @Column({ type: 'text' }) code: string;
  @Field(() => String) @Column({ type: 'text' }) name: string;
  @Field(() => UnitKind) @Column({ type: 'enum', enum: UnitKind, enumName: 'unit_kind' }) kind: UnitKind;
  @Column({ type: 'int', name: 'region_id', nullable: true }) regionId: number | null;
}

/** A unit's annual target: total (万元, shown as 亿元), of which foreign (万美元), and the count of projects ≥ 1亿元. */
@ObjectType({ description: 'Annual target of an assessment unit.' })
@Entity('annual_target')
export class AnnualTarget {
  @PrimaryColumn({ type: 'int', name: 'unit_id' }) unitId: number;
  @Field(() => Int) @PrimaryColumn({ type: 'int' }) year: number;
  @Field(() => Float, { description: '万元, like every amount of the API (see totalAmountYi for display)' }) @Column({ type: 'numeric', name: 'total_amount', transformer: numericTransformer }) totalAmount: number;
  @Field(() => Float, { description: 'The same total in 亿元 (万元 / 10000), as targets are published.' })
  get totalAmountYi(): number { return Number((this.totalAmount / 10000).toFixed(6)); }
  @Field(() => Float, { description: '万美元' }) @Column({ type: 'numeric', name: 'foreign_amount', transformer: numericTransformer }) foreignAmount: number;
  @Field(() => Int, { description: 'Projects of at least 1亿元' }) @Column({ type: 'int', name: 'big_project_count' }) bigProjectCount: number;
}

/** A project category of the assessment (seed 004). */
@ObjectType({ description: 'Assessment category (seed 004).' })
@Entity('assessment_category')
export class AssessmentCategory {
  @Field(() => String) @PrimaryColumn({ type: 'text' }) code: string;
  @Field(() => String) @Column({ type: 'text' }) name: string;
  @Field(() => String) @Column({ type: 'text' }) description: string;
}

/** The coefficient of a category in a year: 1, 0.7 or 0 (excluded). Data, not code. */
@ObjectType({ description: 'Category coefficient for a year.' })
@Entity('assessment_coefficient')
export class AssessmentCoefficient {
  @Field(() => Int) @PrimaryColumn({ type: 'int' }) year: number;
  @Field(() => String) @PrimaryColumn({ type: 'text', name: 'category_code' }) categoryCode: string;
  @Field(() => Float) @Column({ type: 'numeric', transformer: numericTransformer }) coefficient: number;
  @Field(() => CoefficientBasis) @Column({ type: 'enum', enum: CoefficientBasis, enumName: 'coefficient_basis' }) basis: CoefficientBasis;
}
