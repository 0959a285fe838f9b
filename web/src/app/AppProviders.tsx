import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { useState, type ReactNode } from 'react';
import { LanguageProvider } from '../i18n';
import { createApolloClient } from './apolloClient';
import { AuthProvider } from './auth';
import { session } from './session';

function makeClient(): ApolloClient {
  // An expired or revoked token sends the person back to the sign-in page.
  const client: ApolloClient = createApolloClient(() => {
    session.setToken(null);
    void client.clearStore();
  });
  return client;
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [client] = useState(makeClient);
  return (
    <LanguageProvider>
      <ApolloProvider client={client}>
        <AuthProvider>{children}</AuthProvider>
      </ApolloProvider>
    </LanguageProvider>
  );
}
