import type { NonEmptyArray } from 'type-graphql';
import { AuthResolver } from '../auth';
import { RegionResolver } from '../modules/region';
import { ParkResolver } from '../modules/park';

/** Every resolver class of the API; a module is live once it is listed here. */
export const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  RegionResolver,
  ParkResolver,
];
