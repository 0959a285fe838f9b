import { Field, InputType } from 'type-graphql';
import { SpatialFilter } from '../../common/filters';
import { RegionLevel } from './region.entity';

@InputType()
export class RegionFilter extends SpatialFilter {
  @Field(() => RegionLevel, { nullable: true }) level?: RegionLevel;
  @Field(() => String, { nullable: true, description: 'GB/T 2260 code prefix, e.g. "4114" for 商丘市 and its districts.' }) codePrefix?: string;
}
