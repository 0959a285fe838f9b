import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors';

// Socket errors and the SQLSTATEs PostgreSQL sends when it is shutting down, starting up or out of connections.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300',
]);
// TypeORM releases a query runner whose connection died; the transaction's next statement then reports that.
const UNAVAILABLE_MESSAGES = /query runner (was )?already released|provided by a query runner was already released|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|not queryable|the database system is (starting up|shutting down|in recovery mode)/i;

/** Seconds a client should wait before retrying while the database is away. */
export const RETRY_AFTER_SECONDS = 2;

/** True when `err` (or what it wraps) says the database could not be reached, as opposed to a query it refused. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; originalError?: unknown };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if ((err as Error).name === 'QueryRunnerAlreadyReleasedError') return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  return [e.driverError, e.cause, e.originalError].some((inner) => inner !== err && isDatabaseUnavailable(inner, depth + 1));
}

/** The coded 503 every caller gets while the database is away. */
export function databaseUnavailable(path?: readonly (string | number)[]): GraphQLError {
  return new GraphQLError('The database is not answering; the request was not carried out. Retry in a few seconds.', {
    path,
    extensions: {
      code: ErrorCode.DATABASE_UNAVAILABLE,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
    },
  });
}

/** Rethrows a connection failure as DATABASE_UNAVAILABLE (for code that runs outside resolvers, such as the context). */
export function rethrowUnavailable(err: unknown): never {
  throw isDatabaseUnavailable(err) ? databaseUnavailable() : err;
}

/**
 * Turns resolver errors caused by an unreachable database into DATABASE_UNAVAILABLE with HTTP 503, before
 * errors are formatted: Apollo reads the status from each error's `extensions.http`.
 */
export function databaseAvailabilityPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          const list = errors as GraphQLError[];
          for (let i = 0; i < list.length; i++) {
            if (list[i].extensions?.code !== ErrorCode.DATABASE_UNAVAILABLE && isDatabaseUnavailable(list[i].originalError)) {
              list[i] = databaseUnavailable(list[i].path);
            }
          }
        },
      };
    },
  };
}
