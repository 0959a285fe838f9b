import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { AtlasContext } from '../common/context';
import { AtlasError, ErrorCode, requestError } from '../common/errors';
import { rethrowUnavailable } from '../db/availability';
import type { CredentialLookup } from './auth.service';

// The account check of an HTTP GraphQL request is deferred: the token's signature is checked when the context is made,
// but the account row (exists, not disabled, password unchanged since the token) is read either inside the statement of
// a compiled read (common/projection.ts), saving the round trip, or by its own statement before anything else reads
// ctx.user. Either way it is read from PostgreSQL on every request, so a disabled account or a changed role applies at
// once on every API process. A refused credential refuses the whole request with 401, before any other error.

/** The context of an HTTP request whose caller's account is read later (settleCaller, or with a compiled read). */
export function deferCaller(ctx: AtlasContext, lookup: CredentialLookup): AtlasContext {
  ctx.pendingCaller = lookup;
  return ctx;
}

/** The account row a compiled read selected with its data (column "caller", JSON; undefined when no account matched). */
export const accountRowOf = (row: { caller?: string | null }): unknown => (row.caller == null ? undefined : JSON.parse(row.caller));

/** Accepts or refuses the caller from their account row (undefined: not found); a refusal refuses the request (401). */
function accept(ctx: AtlasContext, lookup: CredentialLookup, row: unknown): void {
  try {
    ctx.user = lookup.accept(row);
  } catch (e) {
    throw e instanceof AtlasError && e.extensions.code === ErrorCode.UNAUTHENTICATED ? requestError(ErrorCode.UNAUTHENTICATED, e.message) : e;
  }
}

/** Settles the caller from the account row a compiled read selected with its data (throws the 401 of a refused credential). */
export function settleCallerWith(ctx: AtlasContext, row: unknown): void {
  const lookup = ctx.pendingCaller;
  if (!lookup) return;
  ctx.pendingCaller = undefined;
  try {
    accept(ctx, lookup, row);
    ctx.callerSettled = Promise.resolve();
  } catch (e) {
    ctx.callerSettled = remembered(Promise.reject(e instanceof Error ? e : new Error(String(e))));
    throw e;
  }
}

/** Reads the caller's account now, once per request; after it ctx.user is final. Rejects with the 401 of a refused credential. */
export function settleCaller(ctx: AtlasContext): Promise<void> {
  const lookup = ctx.pendingCaller;
  if (!lookup) return ctx.callerSettled ?? Promise.resolve();
  ctx.pendingCaller = undefined;
  ctx.callerSettled = remembered((async () => {
    let row: unknown;
    try {
      [row] = await ctx.db.query(lookup.sql, lookup.params);
    } catch (e) { rethrowUnavailable(e); }
    accept(ctx, lookup, row);
  })());
  return ctx.callerSettled;
}

/** A settlement awaited later (a refusal is not an unhandled rejection meanwhile). */
function remembered(p: Promise<void>): Promise<void> {
  p.catch(() => undefined);
  return p;
}

/**
 * Any error on the way (parse, validation, limits, a gate, execution) first settles the caller, and a refused credential
 * replaces the errors Apollo is about to send: the refusal alone, with its 401, as for a failed context.
 */
export const callerPlugin: ApolloServerPlugin<AtlasContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors }) {
        try {
          await settleCaller(contextValue);
        } catch (refusal) {
          // Apollo formats the very array it handed to this hook.
          (errors as GraphQLError[]).splice(0, errors.length, refusal instanceof GraphQLError ? refusal : new GraphQLError(String(refusal)));
        }
      },
    };
  },
};
