import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { session } from '../app/session';
import { AppQueryDocument, SignInMutationDocument } from '../graphql/generated/graphql';

/** Signs in; the cache update stores the viewer as `me` so the map opens without another round trip. */
export function useSignInMutation() {
  const [mutate, state] = useMutation(SignInMutationDocument, {
    update(cache, { data }) {
      if (data) cache.writeQuery({ query: AppQueryDocument, data: { me: data.signIn.user } });
    },
  });
  const signIn = useCallback(
    async (username: string, password: string) => {
      const { data } = await mutate({ variables: { username, password } });
      if (data) session.setToken(data.signIn.token);
    },
    [mutate],
  );
  return [signIn, state] as const;
}
