import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { Kind, execute, getVariableValues, type ExecutionResult, type FragmentDefinitionNode, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { AtlasContext } from '../common/context';
import { JsonText } from '../common/json-text';
import type { ReadCompiler } from '../common/projection';
import { accountRowOf, settleCaller, settleCallerWith } from '../auth/caller';
import { queryRepeated } from '../db/prepared';

type Gateway = ApolloServerOptionsWithGateway<AtlasContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** Compiled operations kept per process (by document hash and operation name); the oldest goes first when full. */
const CACHE_SIZE = 1000;

/**
 * Executes operations with graphql-jit instead of graphql-js's interpreter: each operation is compiled once into a
 * JavaScript function (resolvers called directly, leaves serialised without per-field lookups) and reused.
 * Plugged in through Apollo's gateway interface, the one place Apollo 5 takes an executor: parsing, validation
 * (depth, aliases, directives), cost limits, persisted queries, plugins and error formatting stay Apollo's.
 * An operation graphql-jit cannot compile runs on graphql-js, so an answer never depends on the executor.
 *
 * Before either, a signed-in query whose every field the modules declared for SQL (`reads`, common/projection.ts) is
 * answered by one statement building the JSON, the caller's account check included (auth/caller.ts); its root values
 * are JSON text that stringifyResult writes out as is. Anything else runs as before, so answers never depend on the path.
 */
export function jitGateway(schema: GraphQLSchema, reads: ReadCompiler): Gateway {
  const compiled = new Map<string, CompiledQuery | null>();
  const compile = (key: string, rc: Parameters<Executor>[0]) => {
    let q = compiled.get(key);
    if (q === undefined) {
      const c = compileQuery(schema, rc.document, rc.operationName ?? undefined);
      q = isCompiledQuery(c) ? c : null;
      if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
      compiled.set(key, q);
    }
    return q;
  };
  const executor: Executor = async (rc) => {
    const variables = rc.request.variables ?? {};
    // No single operation to run (unknown or missing operationName): graphql-js words the error.
    if (!rc.operation) {
      await settleCaller(rc.context as AtlasContext);
      return execute({ schema, document: rc.document, contextValue: rc.context, variableValues: variables, operationName: rc.request.operationName });
    }
    // Variables are checked by graphql-js first, so a refused value reports the scalar's own message and code.
    const defs = rc.operation.variableDefinitions ?? [];
    let coercedVariables: Record<string, unknown> = {};
    if (defs.length > 0) {
      const coerced = getVariableValues(schema, defs, variables, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
      coercedVariables = coerced.coerced;
    }
    const data = await compiledRead(reads, rc, coercedVariables);
    if (data) return { data };
    // On the resolvers the caller is known before anything runs (auth/caller.ts).
    await settleCaller(rc.context as AtlasContext);
    const q = compile(`${rc.queryHash}:${rc.operationName ?? ''}`, rc);
    const result: ExecutionResult = q
      ? await q.query(undefined, rc.context, variables)
      : await execute({ schema, document: rc.document, contextValue: rc.context, variableValues: variables, operationName: rc.operationName });
    return result;
  };
  return {
    load: () => Promise.resolve({ executor }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    stop: () => Promise.resolve(),
  };
}

/**
 * The data of an operation answered by one compiled statement, or null when it does not compile (or is not a signed-in
 * caller's: every compiled root requires one, and the resolvers word the refusal) or the statement fails: then the
 * resolvers answer, with their own errors.
 */
async function compiledRead(reads: ReadCompiler, rc: Parameters<Executor>[0], variables: Record<string, unknown>): Promise<Record<string, JsonText> | null> {
  const ctx = rc.context as AtlasContext;
  const caller = ctx.pendingCaller;
  if ((!ctx.user && !caller) || ctx.compiledReads !== true || !rc.operation) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of rc.document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const read = reads.compileCached(`${rc.queryHash}:${rc.operationName ?? ''}`, rc.operation, fragments, variables, caller ?? ctx.user);
  if (!read) return null;
  let row: Record<string, string | null>;
  try {
    [row] = await queryRepeated<Record<string, string | null>>(ctx.db, read.sql, read.params);
  } catch {
    // The resolvers answer instead, with their own error if the database is the trouble.
    return null;
  }
  // The account row came with the data: a refused caller gets the 401 and never the data.
  if (caller) settleCallerWith(ctx, accountRowOf(row));
  const data: Record<string, JsonText> = {};
  read.keys.forEach((key, i) => { data[key] = new JsonText(row[i]!); });
  ctx.onCompiledAnswer?.(read, caller?.params.length ?? 0);
  return data;
}
