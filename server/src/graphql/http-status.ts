import type { ApolloServerPlugin } from '@apollo/server';

/** Errors raised before execution for a document the server could not run. */
const REQUEST_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND']);

/**
 * GraphQL-over-HTTP: a client that accepts only `application/json` gets 200 for parse and validation errors
 * (the errors are in the body); `application/graphql-response+json` clients keep the 4xx statuses.
 */
export function graphqlOverHttpStatus<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, errors }) {
          const accept = request.http?.headers.get('accept') ?? '';
          if (!errors?.length || accept.includes('application/graphql-response+json')) return;
          if (response.http.status && response.http.status >= 400 && response.http.status < 500
            && errors.every((e) => REQUEST_ERRORS.has(String(e.extensions?.code)))) {
            response.http.status = 200;
          }
        },
      };
    },
  };
}
