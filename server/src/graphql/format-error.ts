import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, fromDatabaseError, isErrorCode } from '../common/errors';

/** The error we threw (or a limit rule reported) beneath Apollo's and graphql-js's wrappers, if any. */
function atlasOrigin(error: unknown): GraphQLError | null {
  let e: unknown = error;
  let found: GraphQLError | null = null;
  for (let i = 0; e && i < 5; i++) {
    if (e instanceof GraphQLError && isErrorCode(e.extensions?.code) && !APOLLO_WRAPPERS.has(e.extensions.code)) found = e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return found;
}

/** Codes Apollo stamps over the code of the error it wraps; the wrapped error's own code wins. */
const APOLLO_WRAPPERS = new Set<string>([ErrorCode.BAD_USER_INPUT, ErrorCode.GRAPHQL_VALIDATION_FAILED, ErrorCode.GRAPHQL_PARSE_FAILED, ErrorCode.BAD_REQUEST, ErrorCode.INTERNAL_SERVER_ERROR]);

const deepest = (error: unknown): unknown => {
  let e = error;
  for (let i = 0; i < 5 && (e as { originalError?: unknown })?.originalError; i++) e = (e as { originalError: unknown }).originalError;
  return e;
};

/**
 * Every GraphQL error answer passes here: our coded errors keep their code (even under Apollo's BAD_USER_INPUT /
 * validation wrappers), known database errors become coded errors without row values or constraint names, and
 * anything else is logged and answered as INTERNAL_SERVER_ERROR with a generic message.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const answer = format(formatted, error);
  // graphql-js echoes a refused variable's value in the message; a 2 MB value is not echoed back.
  return answer.message.length > MAX_MESSAGE ? { ...answer, message: `${answer.message.slice(0, MAX_MESSAGE)}…` } : answer;
}

const MAX_MESSAGE = 500;

function format(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const own = atlasOrigin(error);
  const path = formatted.path;
  if (own) {
    const code = own.extensions.code as string;
    const extensions = { ...formatted.extensions, ...own.extensions, code };
    delete (extensions as Record<string, unknown>).http;
    return { message: formatted.message, locations: formatted.locations, path, extensions };
  }
  const root = deepest(error);
  const db = fromDatabaseError(root);
  if (db) return { message: db.message, path, extensions: { code: db.extensions.code } };
  const code = formatted.extensions?.code;
  const tokens = /Document contains more tha[nt] (\d+) tokens/.exec(formatted.message);
  if (tokens) return { message: `The query has more than ${tokens[1]} tokens; send a smaller document`, extensions: { code: ErrorCode.TOO_MANY_TOKENS, limit: Number(tokens[1]) } };
  // Apollo's own codes (parse, validation, variables, bad request) describe the request, with graphql-js messages: safe to show.
  if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
  // graphql-js's own refusals of the operation as a whole (e.g. an operation type the schema does not serve) carry no path.
  if (root instanceof GraphQLError && !root.originalError && !path) return { message: formatted.message, locations: formatted.locations, extensions: { code: ErrorCode.BAD_REQUEST } };
  console.error('[atlas] unexpected error', root);
  return { message: 'Internal server error', path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
