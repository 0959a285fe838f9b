import { createTestApi, type TestApi } from './api';
import { DEMO_API_KEY, DEMO_PASSWORD } from '../../db/src';

/** The real server on a free port over HTTP (no web app), on the seeded test database, plus its in-process API. */
export interface HttpApi {
  api: TestApi;
  url: string;
  /** Headers that authenticate as a demo user: a session token, or the integrator's X-API-Key. */
  headers(as: 'admin' | 'planner' | 'chainlead' | 'bureau' | 'liangyuan' | 'integrator'): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export async function startHttpApi(): Promise<HttpApi> {
  const api = await createTestApi();
  const url = await api.atlas.listen(0, '127.0.0.1');
  const tokens = new Map<string, string>();
  return {
    api, url,
    headers: async (as) => {
      const h: Record<string, string> = as === 'integrator' ? { 'x-api-key': DEMO_API_KEY } : {};
      if (as === 'integrator') return h;
      if (!tokens.has(as)) tokens.set(as, (await api.atlas.auth.signIn(as, DEMO_PASSWORD)).token);
      return { authorization: `Bearer ${tokens.get(as)}` };
    },
    close: async () => {
      await api.close();
      api.atlas.httpServer.closeAllConnections();
      await new Promise<void>((r) => api.atlas.httpServer.close(() => r()));
    },
  };
}
