import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage, type PubSub } from 'type-graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { applyInputRules } from './input-rules';
import { RESOLVERS } from './resolvers';

/** Builds the executable schema from the type-graphql resolvers; `pubSub` carries this process's subscription events. */
export async function buildAtlasSchema(pubSub: PubSub = createPubSub()): Promise<GraphQLSchema> {
  readPlainFieldsDirectly();
  const schema = await buildSchema({ resolvers: RESOLVERS, validate: false, pubSub });
  applyInputRules(schema);
  return schema;
}

/**
 * A field that is a plain property (no arguments, no middleware of its own, same name in the schema) is read directly,
 * without type-graphql's per-field wrapper (it has nothing to run there, and a wrapper on every leaf of a 500-row list
 * costs more than the rest of execution). Fields with a @FieldResolver keep theirs (type-graphql ignores `simple` for them).
 */
function readPlainFieldsDirectly(): void {
  for (const f of getMetadataStorage().fields) {
    if (f.simple === undefined && !f.params?.length && !f.middlewares?.length && !f.roles && f.schemaName === f.name) f.simple = true;
  }
}

export const SCHEMA_HEADER = '# Generated from the server code by `pnpm schema:emit`. Do not edit: CI fails when it is out of date.\n\n';

/** The committed SDL: sorted so diffs show real changes only. */
export const printAtlasSchema = (schema: GraphQLSchema) => SCHEMA_HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
