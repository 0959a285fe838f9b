import { Field, Float, ID, InputType } from 'type-graphql';
import type { Geometry } from 'geojson';
import { SpatialFilter } from '../../common/filters';
import { GeoJSONScalar } from '../../common/geojson.scalar';
import { LocalDateScalar } from '../../common/local-date.scalar';
import { FundKind, ProjectStage, QualityTag } from './project.entity';

@InputType()
export class ProjectFilter extends SpatialFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these projects.' }) ids?: string[];
  @Field(() => [ProjectStage], { nullable: true }) stages?: ProjectStage[];
  @Field(() => ID, { nullable: true, description: 'Credited (introducing) unit.' }) introducingUnitId?: string;
  @Field(() => ID, { nullable: true }) parkId?: string;
  @Field(() => ID, { nullable: true }) chainId?: string;
  @Field(() => ID, { nullable: true }) chainNodeId?: string;
  @Field(() => ID, { nullable: true }) investorId?: string;
  @Field(() => [String], { nullable: true, description: 'Assessment category codes.' }) categoryCodes?: string[];
  @Field(() => LocalDateScalar, { nullable: true, description: 'Signed on or after this date.' }) signedFrom?: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'Signed on or before this date.' }) signedTo?: string;
  @Field(() => Float, { nullable: true, description: 'Agreed investment at least this (万元).' }) minAgreedInvestment?: number;
  @Field(() => Boolean, { nullable: true, description: 'Only projects whose investment intensity is under their park floor.' }) belowIntensityFloor?: boolean;
}

/** Project attributes shared by create and update; amounts in 万元, foreign in 万美元. */
@InputType('ProjectAttributesInput')
export class ProjectAttributesInput {
  @Field(() => ID, { nullable: true }) investorId?: string | null;
  @Field(() => ID, { nullable: true }) parkId?: string | null;
  @Field(() => ID, { nullable: true }) parcelId?: string | null;
  @Field(() => ID, { nullable: true }) chainNodeId?: string | null;
  @Field(() => GeoJSONScalar, { nullable: true, description: 'A Point in WGS 84.' }) location?: Geometry | null;
  @Field(() => Float, { nullable: true }) agreedInvestment?: number | null;
  @Field(() => Float, { nullable: true }) plannedTotalInvestment?: number | null;
  @Field(() => Float, { nullable: true }) fixedAssetInvestment?: number | null;
  @Field(() => Float, { nullable: true }) foreignInvestment?: number | null;
  @Field(() => Float, { nullable: true }) registeredCapital?: number | null;
  @Field(() => Float, { nullable: true }) landNeedMu?: number | null;
  @Field(() => Float, { nullable: true }) expectedAnnualOutput?: number | null;
  @Field(() => Float, { nullable: true }) expectedAnnualTax?: number | null;
  @Field(() => String, { nullable: true, description: 'USCC of the registered project company; give companyRegisteredOn with it.' }) companyUscc?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) companyRegisteredOn?: string | null;
  @Field(() => [QualityTag], { nullable: true }) qualityTags?: QualityTag[] | null;
  @Field(() => ID, { nullable: true }) responsibleLeaderId?: string | null;
  @Field(() => ID, { nullable: true }) serviceOfficerId?: string | null;
  @Field(() => ID, { nullable: true }) targetEnterpriseId?: string | null;
}

@InputType({ description: 'A new project; it starts as a lead (线索) on leadOn.' })
export class CreateProjectInput extends ProjectAttributesInput {
  @Field(() => String) name: string;
  @Field(() => ID, { description: 'The one unit credited with it (引荐单位).' }) introducingUnitId: string;
  @Field(() => String, { description: 'Assessment category code, e.g. "manufacturing".' }) categoryCode: string;
  @Field(() => String, { nullable: true, description: 'Defaults to P<year>-<id>.' }) code?: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'When the lead came in; defaults to today.' }) leadOn?: string;
}

@InputType({ description: 'Changes to a project; omitted fields stay, null clears.' })
export class UpdateProjectInput extends ProjectAttributesInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => ID, { nullable: true }) introducingUnitId?: string;
  @Field(() => String, { nullable: true }) categoryCode?: string;
}

@InputType({ description: 'A dated arrival of funds with its voucher.' })
export class RecordFundArrivalInput {
  @Field(() => ID) projectId: string;
  @Field(() => LocalDateScalar) arrivedOn: string;
  @Field(() => Float, { description: '万元, all funds including the foreign part converted' }) amount: number;
  @Field(() => Float, { nullable: true, description: 'Foreign part in 万美元' }) foreignAmount?: number;
  @Field(() => FundKind) kind: FundKind;
  @Field(() => String, { description: '资金到帐凭证 voucher number' }) evidenceRef: string;
  @Field(() => String, { nullable: true }) evidenceNote?: string;
}
