import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, ERROR_CATALOG, type ErrorCode as Code } from '../common/errors';
import { LIMITS } from '../graphql/limits';

/**
 * The JSON error body every non-GraphQL refusal uses: the GraphQL shape, so clients read one format. Written on the
 * plain Node response, so the paths answered before Express (graphql/known-reads.ts) refuse exactly as the routes do.
 */
export function sendError(res: ServerResponse, code: Code, message: string, status = ERROR_CATALOG[code].httpStatus, extra: Record<string, unknown> = {}): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] });
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/** body-parser's failure types, as coded answers. */
const BODY_ERRORS: Record<string, [Code, string]> = {
  'entity.too.large': [ErrorCode.BODY_TOO_LARGE, `The request body is over the limit of ${LIMITS.bodyBytes} bytes`],
  'entity.parse.failed': [ErrorCode.MALFORMED_JSON, 'The request body is not valid JSON'],
  'encoding.unsupported': [ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Content-Encoding is not supported; send the body uncompressed'],
  'charset.unsupported': [ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Only a UTF-8 JSON body is supported'],
};

/** Last resort for every HTTP path: a coded JSON answer, never an HTML page, stack trace or file path. */
export function httpErrorHandler(err: unknown, _req: IncomingMessage, res: ServerResponse, _next?: unknown): void {
  if (res.headersSent) { res.end(); return; }
  const e = err as { type?: string; status?: number; statusCode?: number };
  const known = e.type ? BODY_ERRORS[e.type] : undefined;
  if (known) { sendError(res, known[0], known[1], undefined, known[0] === ErrorCode.BODY_TOO_LARGE ? { limit: LIMITS.bodyBytes } : {}); return; }
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) { sendError(res, ErrorCode.BAD_REQUEST, 'The HTTP request could not be read', status); return; }
  console.error('[atlas] HTTP error', err);
  sendError(res, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
}
