import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { LandUse, SupplyStatus } from '../parcel';
import { Infrastructure, ParkKind, ParkLevel } from '../park';

@InputType({ description: 'A point to measure distance from; with meters, only sites within that distance.' })
export class SitePointInput {
  @Field(() => Float) lon: number;
  @Field(() => Float) lat: number;
  @Field(() => Float, { nullable: true, description: 'At most this far (geodesic metres, ≤ 200 km)' }) meters?: number;
}

@InputType({ description: 'Site finder criteria; only landNeedMu is required.' })
export class SiteCriteria {
  @Field(() => Float, { description: 'Land needed, 亩' }) landNeedMu: number;
  @Field(() => [LandUse], { nullable: true, description: 'Acceptable land uses (default: any)' }) landUses?: LandUse[];
  @Field(() => [SupplyStatus], { nullable: true, description: 'Acceptable supply statuses (default: AVAILABLE)' }) supplyStatuses?: SupplyStatus[];
  @Field(() => [ParkLevel], { nullable: true }) parkLevels?: ParkLevel[];
  @Field(() => [ParkKind], { nullable: true }) parkKinds?: ParkKind[];
  @Field(() => String, { nullable: true, description: 'Substring of one of the park’s main industries' }) industry?: string;
  @Field(() => [Infrastructure], { nullable: true, description: '七通一平 items that must be ready in the park' }) infrastructure?: Infrastructure[];
  @Field(() => ID, { nullable: true }) parkId?: string;
  @Field(() => Float, { nullable: true, description: 'The project’s planned fixed-asset investment (万元): parks whose floor it misses are marked and ranked last' })
  fixedAssetInvestment?: number;
  @Field(() => SitePointInput, { nullable: true }) near?: SitePointInput;
  @Field(() => Int, { nullable: true, description: 'At most this many sites (default 20, at most 200)' }) first?: number;
}
