import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Geometry } from 'geojson';
import { GeoJSONScalar } from '../../common/geojson.scalar';
import { LocalDateScalar } from '../../common/local-date.scalar';
import { numericTransformer } from '../../common/numeric';

/** Lifecycle order matters: forward moves follow this order; ELIMINATED and TERMINATED are off-ramps. */
export enum ProjectStage {
  LEAD = 'lead', NEGOTIATING = 'negotiating', SIGNED = 'signed', STARTED = 'started', COMPLETED = 'completed',
  IN_PRODUCTION = 'in_production', AT_CAPACITY = 'at_capacity', ELIMINATED = 'eliminated', TERMINATED = 'terminated',
}
registerEnumType(ProjectStage, {
  name: 'ProjectStage',
  valuesConfig: {
    LEAD: { description: '线索' }, NEGOTIATING: { description: '在谈' }, SIGNED: { description: '签约' }, STARTED: { description: '开工' },
    COMPLETED: { description: '竣工' }, IN_PRODUCTION: { description: '投产' }, AT_CAPACITY: { description: '达产达效' },
    ELIMINATED: { description: '淘汰 (lead or negotiation dropped)' }, TERMINATED: { description: '终止 (signed, then cancelled)' },
  },
});

export enum QualityTag { HIGH_END = 'high_end', SMART = 'smart', GREEN = 'green', INTEGRATED = 'integrated' }
registerEnumType(QualityTag, {
  name: 'QualityTag',
  description: '四化 (seed 003)',
  valuesConfig: { HIGH_END: { description: '高端化' }, SMART: { description: '智能化' }, GREEN: { description: '绿色化' }, INTEGRATED: { description: '二三产融合' } },
});

export enum FundKind { LAND_TRANSFER = 'land_transfer', FIXED_ASSET = 'fixed_asset', REGISTERED_CAPITAL = 'registered_capital', OTHER = 'other' }
registerEnumType(FundKind, {
  name: 'FundKind',
  valuesConfig: { LAND_TRANSFER: { description: '土地出让金' }, FIXED_ASSET: { description: '固定资产投资' }, REGISTERED_CAPITAL: { description: '注册资本金' }, OTHER: { description: '其他' } },
});

/** 招商项目: an investment project from lead to production. Amounts in 万元, foreign amounts in 万美元. */
@ObjectType({ description: '招商项目 investment project. Amounts in 万元 unless stated.' })
@Entity('project')
export class Project {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Field(() => String) @Column({ type: 'text' }) code: string;
  @Field(() => String) @Column({ type: 'text' }) name: string;
  @Column({ type: 'int', name: 'investor_id', nullable: true }) investorId: number | null;
  @Column({ type: 'int', name: 'introducing_unit_id' }) introducingUnitId: number;
  @Column({ type: 'text', name: 'category_code' }) categoryCode: string;
  @Column({ type: 'int', name: 'park_id', nullable: true }) parkId: number | null;
  @Column({ type: 'int', name: 'parcel_id', nullable: true }) parcelId: number | null;
  @Column({ type: 'int', name: 'chain_node_id', nullable: true }) chainNodeId: number | null;
  @Column({ type: 'int', name: 'region_id', nullable: true }) regionId: number | null;
  @Field(() => GeoJSONScalar, { nullable: true }) @Column({ type: 'geometry', spatialFeatureType: 'Point', srid: 4326, nullable: true }) location: Geometry | null;
  @Field(() => ProjectStage) @Column({ type: 'enum', enum: ProjectStage, enumName: 'project_stage' }) stage: ProjectStage;
  @Field(() => Float, { nullable: true, description: '协议投资 万元' }) @Column({ type: 'numeric', name: 'agreed_investment', nullable: true, transformer: numericTransformer }) agreedInvestment: number | null;
  @Field(() => Float, { nullable: true, description: '计划总投资 万元' }) @Column({ type: 'numeric', name: 'planned_total_investment', nullable: true, transformer: numericTransformer }) plannedTotalInvestment: number | null;
  @Field(() => Float, { nullable: true, description: '固定资产投资 万元' }) @Column({ type: 'numeric', name: 'fixed_asset_investment', nullable: true, transformer: numericTransformer }) fixedAssetInvestment: number | null;
  @Field(() => Float, { nullable: true, description: '外资 万美元' }) @Column({ type: 'numeric', name: 'foreign_investment', nullable: true, transformer: numericTransformer }) foreignInvestment: number | null;
  @Field(() => Float, { nullable: true, description: 'Registered capital of the project company, 万元' }) @Column({ type: 'numeric', name: 'registered_capital', nullable: true, transformer: numericTransformer }) registeredCapital: number | null;
  @Field(() => Float, { nullable: true, description: 'Land need, 亩' }) @Column({ type: 'numeric', name: 'land_need_mu', nullable: true, transformer: numericTransformer }) landNeedMu: number | null;
  @Field(() => Float, { nullable: true, description: 'Expected annual output, 万元' }) @Column({ type: 'numeric', name: 'expected_annual_output', nullable: true, transformer: numericTransformer }) expectedAnnualOutput: number | null;
  @Field(() => Float, { nullable: true, description: 'Expected annual tax, 万元' }) @Column({ type: 'numeric', name: 'expected_annual_tax', nullable: true, transformer: numericTransformer }) expectedAnnualTax: number | null;
  @Field(() => String, { nullable: true, description: 'USCC of the registered project company' }) @Column({ type: 'char', length: 18, name: 'company_uscc', nullable: true }) companyUscc: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) @Column({ type: 'date', name: 'company_registered_on', nullable: true }) companyRegisteredOn: string | null;
  @Field(() => [QualityTag]) @Column({ type: 'text', array: true, name: 'quality_tags' }) qualityTags: QualityTag[];
  @Column({ type: 'int', name: 'responsible_leader_id', nullable: true }) responsibleLeaderId: number | null;
  @Column({ type: 'int', name: 'service_officer_id', nullable: true }) serviceOfficerId: number | null;
  @Column({ type: 'int', name: 'target_enterprise_id', nullable: true }) targetEnterpriseId: number | null;
  @Field(() => Date) @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Field(() => Date) @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

/** The date a project entered a stage, and who recorded it. */
@ObjectType({ description: 'A stage a project entered, with its date.' })
@Entity('project_stage_event')
export class ProjectStageEvent {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int', name: 'project_id' }) projectId: number;
  @Field(() => ProjectStage) @Column({ type: 'enum', enum: ProjectStage, enumName: 'project_stage' }) stage: ProjectStage;
  @Field(() => LocalDateScalar) @Column({ type: 'date', name: 'entered_on' }) enteredOn: string;
  @Column({ type: 'int', name: 'actor_id', nullable: true }) actorId: number | null;
  @Field(() => Date) @Column({ type: 'timestamptz', name: 'recorded_at' }) recordedAt: Date;
}

/** 实际到位资金: one dated arrival of funds with its evidence (bank voucher). */
@ObjectType({ description: '实际到位资金 a dated arrival of funds with evidence.' })
@Entity('fund_arrival')
export class FundArrival {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int', name: 'project_id' }) projectId: number;
  @Field(() => LocalDateScalar) @Column({ type: 'date', name: 'arrived_on' }) arrivedOn: string;
  @Field(() => Float, { description: '万元 (all funds)' }) @Column({ type: 'numeric', transformer: numericTransformer }) amount: number;
  @Field(() => Float, { description: 'Foreign part, 万美元' }) @Column({ type: 'numeric', name: 'foreign_amount', transformer: numericTransformer }) foreignAmount: number;
  @Field(() => FundKind) @Column({ type: 'enum', enum: FundKind, enumName: 'fund_kind' }) kind: FundKind;
  @Field(() => String, { description: '资金到帐凭证 voucher number' }) @Column({ type: 'text', name: 'evidence_ref' }) evidenceRef: string;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', name: 'evidence_note', nullable: true }) evidenceNote: string | null;
  @Column({ type: 'int', name: 'recorded_by', nullable: true }) recordedBy: number | null;
  @Field(() => Date) @Column({ type: 'timestamptz', name: 'recorded_at' }) recordedAt: Date;
}

/** 节点制: a dated milestone of a project under construction. */
@ObjectType({ description: 'Project milestone (节点制).' })
@Entity('project_milestone')
export class ProjectMilestone {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int', name: 'project_id' }) projectId: number;
  @Field(() => String) @Column({ type: 'text' }) name: string;
  @Field(() => LocalDateScalar) @Column({ type: 'date', name: 'due_on' }) dueOn: string;
  @Field(() => LocalDateScalar, { nullable: true }) @Column({ type: 'date', name: 'done_on', nullable: true }) doneOn: string | null;
}
