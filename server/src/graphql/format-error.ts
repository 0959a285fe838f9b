import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { QueryFailedError } from 'typeorm';
import { ErrorCode } from '../common/errors';

const PG_MESSAGES: Record<string, string> = {
  '23514': 'a value breaks a data rule',
  '23503': 'a referenced record does not exist',
  '23505': 'a record with the same unique value already exists',
  '23502': 'a required value is missing',
  '22P02': 'a value has the wrong format',
  '22003': 'a number is out of range',
};

/** Database rule violations become CONFLICT/INVALID_ARGUMENT with the constraint named; anything unexpected is hidden. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof QueryFailedError) {
    const d = (original as QueryFailedError & { driverError?: { code?: string; constraint?: string; detail?: string; message?: string } }).driverError ?? {};
    const what = d.code ? PG_MESSAGES[d.code] : undefined;
    if (what) {
      return {
        message: `Rejected: ${what}${d.constraint ? ` (${d.constraint})` : ''}${d.detail ? `: ${d.detail}` : d.message ? `: ${d.message}` : ''}`,
        path: formatted.path,
        extensions: { code: d.code === '23505' ? ErrorCode.CONFLICT : ErrorCode.INVALID_ARGUMENT, constraint: d.constraint },
      };
    }
    console.error('[atlas] database error', original);
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return formatted;
}
