import { Field, ID, InputType } from 'type-graphql';
import { SpatialFilter } from '../../common/filters';
import { EnterpriseTag } from './enterprise.entity';

@InputType()
export class EnterpriseFilter extends SpatialFilter {
  @Field(() => Boolean, { nullable: true, description: 'true: local enterprises; false: outside candidates.' }) isLocal?: boolean;
  @Field(() => [EnterpriseTag], { nullable: true, description: 'Enterprises carrying any of these tags.' }) tags?: EnterpriseTag[];
  @Field(() => String, { nullable: true, description: 'GB/T 4754 industry code prefix, e.g. "C36" for automobile manufacturing.' }) industryCodePrefix?: string;
  @Field(() => String, { nullable: true, description: 'City, exactly as stored (e.g. 苏州市).' }) city?: string;
  @Field(() => String, { nullable: true, description: 'Source region, exactly as stored (长三角, 珠三角, 京津冀 …).' }) sourceRegion?: string;
  @Field(() => ID, { nullable: true, description: 'Enterprises mapped to this chain node.' }) chainNodeId?: string;
  @Field(() => ID, { nullable: true, description: 'Enterprises mapped to any node of this chain.' }) chainId?: string;
  @Field(() => String, { nullable: true, description: '统一社会信用代码, exact (case-insensitive).' }) uscc?: string;
}
