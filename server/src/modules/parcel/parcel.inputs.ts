import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { Geometry } from 'geojson';
import { SpatialFilter } from '../../common/filters';
import { GeoJSONScalar } from '../../common/geojson.scalar';
import { LocalDateScalar } from '../../common/local-date.scalar';
import { LandUse, SupplyStatus } from './parcel.entity';
import { DEFAULT_IDLE_AFTER_DAYS } from './parcel.sql';

@InputType({ description: 'Parcel filter; `text` matches the parcel code.' })
export class ParcelFilter extends SpatialFilter {
  @Field(() => [LandUse], { nullable: true }) landUses?: LandUse[];
  @Field(() => [SupplyStatus], { nullable: true }) supplyStatuses?: SupplyStatus[];
  @Field(() => ID, { nullable: true }) parkId?: string;
  @Field(() => Float, { nullable: true, description: 'At least this many 亩 (geodesic area).' }) minAreaMu?: number;
  @Field(() => Float, { nullable: true, description: 'At most this many 亩 (geodesic area).' }) maxAreaMu?: number;
  @Field(() => Boolean, {
    nullable: true,
    description: `闲置: true → idle parcels (status IDLE, or SUPPLIED with no construction start more than idleAfterDays after suppliedOn, as of today); false → the others.`,
  })
  idle?: boolean;
  @Field(() => Int, { nullable: true, description: `Days after supply before a SUPPLIED parcel counts as idle; ${DEFAULT_IDLE_AFTER_DAYS} by default.` })
  idleAfterDays?: number;
}

@InputType({ description: 'Fields a planner may change; omitted fields stay as they are, an explicit null clears a nullable one.' })
export class UpdateParcelInput {
  @Field(() => LandUse, { nullable: true }) landUse?: LandUse;
  @Field(() => SupplyStatus, { nullable: true }) supplyStatus?: SupplyStatus;
  @Field(() => Float, { nullable: true, description: '容积率 planned floor-area ratio, 0–999.99' }) floorAreaRatio?: number | null;
  @Field(() => Float, { nullable: true, description: 'Achieved floor-area ratio, 0–999.99' }) builtFar?: number | null;
  @Field(() => Float, { nullable: true, description: 'Land price, 万元' }) landPrice?: number | null;
  @Field(() => LocalDateScalar, { nullable: true }) suppliedOn?: string | null;
  @Field(() => GeoJSONScalar, { nullable: true, description: 'Polygon or MultiPolygon in WGS 84; stored as a MultiPolygon.' }) geom?: Geometry;
  @Field(() => ID, { nullable: true, description: 'The park it lies in; null detaches it.' }) parkId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The project on it; null detaches it.' }) projectId?: string | null;
}
