import { Field, InputType } from 'type-graphql';
import { UnitKind } from './unit.entity';

@InputType({ description: 'Assessment-unit filter.' })
export class AssessmentUnitFilter {
  @Field(() => UnitKind, { nullable: true, description: 'Districts/counties and departments are ranked separately (分级考核).' }) kind?: UnitKind;
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name or code.' }) text?: string;
}
