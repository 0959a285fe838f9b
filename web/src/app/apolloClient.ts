import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { authHeaders } from './session';

/** Apollo client for /graphql: adds the bearer token and reports an expired session once. */
export function createApolloClient(onUnauthenticated: () => void): ApolloClient {
  const auth = new SetContextLink((prev) => ({ headers: { ...prev.headers, ...authHeaders() } }));
  const errors = new ErrorLink(({ error }) => {
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      onUnauthenticated();
    }
  });
  return new ApolloClient({
    link: ApolloLink.from([errors, auth, new HttpLink({ uri: '/graphql' })]),
    cache: new InMemoryCache({
      typePolicies: {
        // A park and a project can share an id: a hit is identified by both.
        SearchHit: { keyFields: ['kind', 'id'] },
        DemoAccount: { keyFields: ['username'] },
        AssessmentCategory: { keyFields: ['code'] },
      },
    }),
  });
}

/** The message a person should see for a failed operation (the server's own message when there is one). */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join('; ');
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The `extensions.code` of the first GraphQL error, if any. */
export function errorCode(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const code = error.errors[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}
