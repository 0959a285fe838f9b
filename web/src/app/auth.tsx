import { useApolloClient, useQuery } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { AppQueryDocument, type AppQuery } from '../graphql/generated/graphql';
import { session } from './session';

/** The signed-in account: who they are (header) and what they may do (permissions). */
export type Viewer = NonNullable<AppQuery['me']>;
export type AuthStatus = 'anonymous' | 'checking' | 'signed-in' | 'error';

interface AuthState {
  status: AuthStatus;
  user: Viewer | null;
  error: unknown;
  retry: () => void;
  signOut: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

/** Knows who is signed in: the stored token checked against `me`. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const token = useSyncExternalStore(session.subscribe, session.getToken);
  const { data, loading, error, refetch } = useQuery(AppQueryDocument, { skip: !token });

  const signOut = useCallback(() => {
    session.setToken(null);
    void client.clearStore();
  }, [client]);

  const me = data?.me ?? null;
  let status: AuthStatus;
  if (!token) status = 'anonymous';
  else if (me) status = 'signed-in';
  else if (loading) status = 'checking';
  else if (error) status = 'error';
  else status = 'anonymous'; // the token no longer names an account

  const orphaned = !!token && !loading && !error && !!data && !me;
  useEffect(() => {
    if (orphaned) signOut();
  }, [orphaned, signOut]);

  const value = useMemo<AuthState>(
    () => ({ status, user: status === 'signed-in' ? me : null, error, retry: () => void refetch(), signOut }),
    [status, me, error, refetch, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('AuthProvider is missing');
  return state;
}
