import { Field, InputType } from 'type-graphql';

@InputType()
export class OfficialFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name, title or department.' }) text?: string;
}
