import { Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { ERROR_CATALOG } from '../common/errors';

@ObjectType({ description: 'One stable extensions.code the API answers with.' })
export class ErrorCodeInfo {
  @Field(() => String) code: string;
  @Field(() => Int, { description: 'HTTP status when it refuses the whole request; inside an executed operation the answer is 200 with errors.' }) httpStatus: number;
  @Field(() => String) meaning: string;
}

@Resolver()
export class ErrorCodeResolver {
  @Query(() => [ErrorCodeInfo], { description: 'Every error code with its meaning (public, no sign-in).' })
  errorCodes(): ErrorCodeInfo[] {
    return Object.entries(ERROR_CATALOG).map(([code, e]) => ({ code, ...e }));
  }
}
