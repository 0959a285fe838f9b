import { Field, Float, InputType } from 'type-graphql';
import type { Geometry } from 'geojson';
import { SpatialFilter } from '../../common/filters';
import { GeoJSONScalar } from '../../common/geojson.scalar';
import { Infrastructure, ParkKind, ParkLevel } from './park.entity';

@InputType()
export class ParkFilter extends SpatialFilter {
  @Field(() => [ParkLevel], { nullable: true }) levels?: ParkLevel[];
  @Field(() => [ParkKind], { nullable: true }) kinds?: ParkKind[];
  @Field(() => String, { nullable: true, description: 'Parks whose main industries include this text.' }) industry?: string;
}

@InputType({ description: 'Fields a planner may change; omitted fields stay as they are.' })
export class UpdateParkInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => ParkLevel, { nullable: true }) level?: ParkLevel;
  @Field(() => ParkKind, { nullable: true }) kind?: ParkKind;
  @Field(() => Float, { nullable: true, description: '万元/亩' }) intensityFloor?: number;
  @Field(() => [Infrastructure], { nullable: true }) infrastructure?: Infrastructure[];
  @Field(() => [String], { nullable: true }) mainIndustries?: string[];
  @Field(() => GeoJSONScalar, { nullable: true, description: 'Polygon or MultiPolygon in WGS 84.' }) boundary?: Geometry;
}
