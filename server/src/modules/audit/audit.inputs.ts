import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class AuditFilter {
  @Field(() => String, { nullable: true, description: 'Table name, e.g. "project".' }) entity?: string;
  @Field(() => ID, { nullable: true }) entityId?: string;
  @Field(() => String, { nullable: true, description: 'Username of the actor.' }) actorName?: string;
  @Field(() => String, { nullable: true }) action?: string;
}
