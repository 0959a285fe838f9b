import { GraphQLError } from 'graphql';

/** Stable `extensions.code` values an API client can branch on. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  INVALID_GEOMETRY: 'INVALID_GEOMETRY',
  INVALID_USCC: 'INVALID_USCC',
  INVALID_AMOUNT: 'INVALID_AMOUNT',
  INVALID_DATE: 'INVALID_DATE',
  INVALID_CURSOR: 'INVALID_CURSOR',
  PAGE_TOO_LARGE: 'PAGE_TOO_LARGE',
  ILLEGAL_STAGE_MOVE: 'ILLEGAL_STAGE_MOVE',
  STAGE_DATE_OUT_OF_ORDER: 'STAGE_DATE_OUT_OF_ORDER',
  CONFLICT: 'CONFLICT',
  INVALID_TEXT: 'INVALID_TEXT',
  TEXT_TOO_LONG: 'TEXT_TOO_LONG',
  TOO_MANY_VERTICES: 'TOO_MANY_VERTICES',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  MALFORMED_JSON: 'MALFORMED_JSON',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  BAD_REQUEST: 'BAD_REQUEST',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  INVALID_REFERENCE: 'INVALID_REFERENCE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_INVALID: 'PERSISTED_QUERY_INVALID',
  PERSISTED_QUERY_REQUIRED: 'PERSISTED_QUERY_REQUIRED',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  ILLEGAL_STATUS_MOVE: 'ILLEGAL_STATUS_MOVE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The public error list (served as `errorCodes` and printed into the README): what each code means and the HTTP status
 * of a request refused with it as a whole. A refusal inside an executed GraphQL operation answers 200 with `errors`,
 * as GraphQL-over-HTTP says for application/json. Adding a code to ErrorCode without a line here does not compile.
 */
export const ERROR_CATALOG: Record<ErrorCode, { httpStatus: number; meaning: string }> = {
  UNAUTHENTICATED: { httpStatus: 401, meaning: 'No credentials, or a bad/expired session token or unknown API key: sign in again or fix the header' },
  BAD_CREDENTIALS: { httpStatus: 401, meaning: 'signIn: wrong username or password' },
  FORBIDDEN: { httpStatus: 403, meaning: 'Your role or scope may not do this (checked before any input is looked at)' },
  NOT_FOUND: { httpStatus: 404, meaning: 'No record with this id (or collection/feature in OGC API)' },
  INVALID_ARGUMENT: { httpStatus: 400, meaning: 'An argument breaks a rule (incl. an id that is not plain digits 1 … 2147483647); the message names the field and what to send' },
  INVALID_GEOMETRY: { httpStatus: 400, meaning: 'Not an RFC 7946 2D geometry in WGS 84 of the allowed type, or topologically invalid' },
  INVALID_USCC: { httpStatus: 400, meaning: 'Not an 18-character USCC with a valid GB 32100-2015 check character' },
  INVALID_AMOUNT: { httpStatus: 400, meaning: 'An amount is negative, too large, has more than 2 decimals, or its foreign part exceeds the total' },
  INVALID_DATE: { httpStatus: 400, meaning: 'Not a real YYYY-MM-DD date within 1949-10-01 … 2100-12-31, an event date after today (China time), or dates out of order' },
  INVALID_CURSOR: { httpStatus: 400, meaning: 'after is not a cursor this API returned' },
  PAGE_TOO_LARGE: { httpStatus: 400, meaning: 'first/limit outside 1 … the maximum page size' },
  ILLEGAL_STAGE_MOVE: { httpStatus: 400, meaning: 'Stages move forward only, or to an off-ramp (ELIMINATED/TERMINATED)' },
  STAGE_DATE_OUT_OF_ORDER: { httpStatus: 400, meaning: 'A stage date before the previous stage date' },
  CONFLICT: { httpStatus: 409, meaning: 'A record with the same unique value (e.g. the same fund voucher) already exists' },
  INVALID_TEXT: { httpStatus: 400, meaning: 'Text contains a NUL byte, a lone surrogate or control characters, or a name is blank / zero-width only' },
  TEXT_TOO_LONG: { httpStatus: 400, meaning: 'A text field is longer than its limit (named with the field)' },
  TOO_MANY_VERTICES: { httpStatus: 400, meaning: 'A geometry has more vertices than allowed' },
  QUERY_TOO_DEEP: { httpStatus: 400, meaning: 'The query nests deeper than allowed (fragments counted)' },
  QUERY_TOO_COSTLY: { httpStatus: 400, meaning: 'Estimated cost (list sizes × nesting) is over the limit: ask for smaller pages or fewer nested lists' },
  TOO_MANY_ALIASES: { httpStatus: 400, meaning: 'More aliases in one document than allowed' },
  TOO_MANY_TOKENS: { httpStatus: 400, meaning: 'The document has more tokens than allowed' },
  TOO_MANY_DIRECTIVES: { httpStatus: 400, meaning: 'More directives in one document than allowed' },
  BODY_TOO_LARGE: { httpStatus: 413, meaning: 'The request body is larger than allowed' },
  MALFORMED_JSON: { httpStatus: 400, meaning: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { httpStatus: 415, meaning: 'POST /graphql needs Content-Type: application/json (UTF-8)' },
  BAD_REQUEST: { httpStatus: 400, meaning: 'The HTTP request is not a GraphQL request (no query, batching, bad parameters)' },
  GRAPHQL_PARSE_FAILED: { httpStatus: 400, meaning: 'The query is not valid GraphQL syntax' },
  GRAPHQL_VALIDATION_FAILED: { httpStatus: 400, meaning: 'The query does not fit the schema (unknown field, wrong argument type)' },
  BAD_USER_INPUT: { httpStatus: 400, meaning: 'A variable does not fit its declared type' },
  OPERATION_RESOLUTION_FAILURE: { httpStatus: 400, meaning: 'operationName does not pick exactly one operation of the document' },
  METHOD_NOT_ALLOWED: { httpStatus: 405, meaning: 'Use GET or POST for /graphql, GET for /ogc' },
  INVALID_REFERENCE: { httpStatus: 400, meaning: 'A referenced record does not exist' },
  PERSISTED_QUERY_NOT_FOUND: { httpStatus: 200, meaning: 'No query is registered under that sha256 hash: send the full query or ask an admin to register it' },
  PERSISTED_QUERY_INVALID: { httpStatus: 400, meaning: 'The persisted-query extension is malformed, or the query does not match its sha256 hash' },
  PERSISTED_QUERY_REQUIRED: { httpStatus: 403, meaning: 'This API key may only run registered (persisted) queries: send the hash of an allow-listed query' },
  DATABASE_UNAVAILABLE: { httpStatus: 503, meaning: 'The database does not answer right now; nothing was written: retry after the Retry-After seconds' },
  TOO_MANY_ATTEMPTS: { httpStatus: 429, meaning: 'Too many failed sign-ins for this account or address: wait retryAfterSeconds, then try again' },
  WEAK_PASSWORD: { httpStatus: 400, meaning: 'The new password is too short or too common: choose at least the length the message names' },
  ILLEGAL_STATUS_MOVE: { httpStatus: 400, meaning: 'A target may only move forward along 线索→接洽→考察→洽谈→签约, or to 淘汰 with a reason: pick one of the target\'s allowedMoves' },
  INTERNAL_SERVER_ERROR: { httpStatus: 500, meaning: 'Unexpected server failure; logged on the server, no details in the answer' },
};

export const isErrorCode = (c: unknown): c is ErrorCode => typeof c === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOG, c);

/** An error the caller can act on: a stable code, a message that says what to fix, and optional details. */
export class AtlasError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

/** An AtlasError that refuses the whole HTTP request with the code's status (Apollo reads and strips `extensions.http`). */
export const requestError = (code: ErrorCode, message: string, details: Record<string, unknown> = {}) =>
  new AtlasError(code, message, { ...details, http: { status: ERROR_CATALOG[code].httpStatus } });

export const notFound = (entity: string, id: string | number) =>
  new AtlasError(ErrorCode.NOT_FOUND, `${entity} ${id} does not exist; check the id`, { entity, id: String(id) });

export const forbidden = (what: string) =>
  new AtlasError(ErrorCode.FORBIDDEN, `Your role may not ${what}`);

export const invalid = (field: string, message: string, code: ErrorCode = ErrorCode.INVALID_ARGUMENT) =>
  new AtlasError(code, `${field}: ${message}`, { field });

/** Resolves to the row or rejects with NOT_FOUND naming the entity and id. */
export async function orNotFound<T>(row: Promise<T | null> | T | null, entity: string, id: string | number): Promise<T> {
  const r = await row;
  if (r === null || r === undefined) throw notFound(entity, id);
  return r;
}

/** PostgreSQL SQLSTATEs a bad input can still reach, each as a code and a message with no row values, SQL or constraint names. */
const PG_ERRORS: Record<string, [ErrorCode, string]> = {
  '23505': [ErrorCode.CONFLICT, 'a record with the same unique value already exists'],
  '23503': [ErrorCode.INVALID_REFERENCE, 'a referenced record does not exist'],
  '23514': [ErrorCode.INVALID_ARGUMENT, 'a value breaks a data rule'],
  '23502': [ErrorCode.INVALID_ARGUMENT, 'a required value is missing'],
  '22P02': [ErrorCode.INVALID_ARGUMENT, 'a value has the wrong format'],
  '22003': [ErrorCode.INVALID_ARGUMENT, 'a number is out of range'],
  '22001': [ErrorCode.TEXT_TOO_LONG, 'a text value is too long'],
  '22007': [ErrorCode.INVALID_DATE, 'a date has the wrong format'],
  '22008': [ErrorCode.INVALID_DATE, 'a date is out of range'],
  '22021': [ErrorCode.INVALID_TEXT, 'text contains a byte sequence (e.g. NUL) that cannot be stored'],
  '22P05': [ErrorCode.INVALID_TEXT, 'text contains a character (e.g. NUL) that cannot be stored'],
  '54000': [ErrorCode.INVALID_ARGUMENT, 'a value is too large to process'],
};

/** The SQLSTATE of a TypeORM/pg/PGlite error, if it is one. */
export function sqlState(e: unknown): string | undefined {
  const x = e as { code?: unknown; driverError?: { code?: unknown } } | null;
  const c = x?.driverError?.code ?? x?.code;
  return typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c) ? c : undefined;
}

/** The one place database errors become answers: a known SQLSTATE → a coded AtlasError; anything else → null (log it, answer 500). */
export function fromDatabaseError(e: unknown): AtlasError | null {
  const state = sqlState(e);
  const known = state ? PG_ERRORS[state] : undefined;
  return known ? new AtlasError(known[0], `Rejected: ${known[1]}; check the values you sent`) : null;
}
