import { ENTITIES } from '../../server/src/entities';
import 'reflect-metadata';
import { createAtlas, type Atlas } from '../../server/src/app';
import { loadConfig, type AtlasConfig } from '../../server/src/config';
import { openDatabase, type Database } from '../../server/src/db/database';
import { TEST_DATABASE, databaseUrl } from './database-url';

export interface HttpResult<T = any> { status: number; headers: Headers; body: { data?: T; errors?: { message: string; extensions?: Record<string, any> }[] } }

/** The API over real HTTP on a free loopback port, on the seeded test database (its own pool: like another API process). */
export interface HttpApi {
  url: string;
  atlas: Atlas;
  db: Database;
  post<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<HttpResult<T>>;
  stop(): Promise<void>;
}

export async function startHttpApi(overrides: Partial<AtlasConfig> = {}): Promise<HttpApi> {
  const url = process.env.ATLAS_TEST_DATABASE_URL ?? databaseUrl(TEST_DATABASE);
  const config = { ...loadConfig({ DATABASE_URL: url, ATLAS_TOKEN_SECRET: 'test-secret' }), seed: 'never' as const, webDist: null, ...overrides };
  const db = await openDatabase({ databaseUrl: url, dataDir: config.dataDir, poolSize: 3, entities: ENTITIES });
  const atlas = await createAtlas(config, db);
  const base = await atlas.listen(0, '127.0.0.1');
  return {
    url: base, atlas, db,
    post: async (query, variables, headers = {}) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      let body: HttpResult['body'];
      try { body = JSON.parse(text); } catch { body = { errors: [{ message: text }] }; }
      return { status: res.status, headers: res.headers, body };
    },
    stop: async () => {
      await atlas.stop();
      await new Promise<void>((r) => atlas.httpServer.close(() => r()));
      await db.close();
    },
  };
}
