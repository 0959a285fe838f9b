import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar } from '../../common/local-date.scalar';
import { TargetStatus } from './target.entity';

@InputType()
export class TargetFilter {
  @Field(() => ID, { nullable: true, description: 'Targets for any node of this chain.' }) chainId?: string;
  @Field(() => ID, { nullable: true, description: 'Targets for this chain node.' }) chainNodeId?: string;
  @Field(() => [TargetStatus], { nullable: true, description: 'Targets in any of these statuses.' }) statuses?: TargetStatus[];
  @Field(() => LocalDateScalar, { nullable: true, description: 'Only targets whose next action was due before this date and that are neither signed nor dropped.' })
  overdueAsOf?: string;
  @Field(() => ID, { nullable: true, description: 'Targets owned by this official.' }) ownerOfficialId?: string;
}
