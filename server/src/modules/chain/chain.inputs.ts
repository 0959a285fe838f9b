import { Field, InputType } from 'type-graphql';

@InputType()
export class ChainFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name or code.' }) text?: string;
}
