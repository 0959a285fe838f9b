import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { InputRules } from './input-rules';
import { RESOLVERS } from './resolvers';

/** Builds the executable schema from the type-graphql resolvers; `pubSub` carries this process's subscription events. */
export function buildAtlasSchema(pubSub: PubSub = createPubSub()): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false, globalMiddlewares: [InputRules], pubSub });
}

export const SCHEMA_HEADER = '# Generated from the server code by `pnpm schema:emit`. Do not edit: CI fails when it is out of date.\n\n';

/** The committed SDL: sorted so diffs show real changes only. */
export const printAtlasSchema = (schema: GraphQLSchema) => SCHEMA_HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
