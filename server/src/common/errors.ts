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
  ILLEGAL_STATUS_MOVE: 'ILLEGAL_STATUS_MOVE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error the caller can act on: a stable code, a message that says what to fix, and optional details. */
export class AtlasError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

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
