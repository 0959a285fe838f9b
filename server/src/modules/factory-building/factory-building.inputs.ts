import { Field, ID, InputType } from 'type-graphql';
import { SpatialFilter } from '../../common/filters';

@InputType({ description: 'Factory-building filter; `text` matches the name, spatial filters use its location point.' })
export class FactoryBuildingFilter extends SpatialFilter {
  @Field(() => ID, { nullable: true }) parkId?: string;
  @Field(() => Boolean, { nullable: true, description: 'true → some floor space stands empty; false → fully let.' }) hasVacancy?: boolean;
}
