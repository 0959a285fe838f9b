import 'reflect-metadata';
import type { DocumentNode } from 'graphql';
import { createAtlas, type Atlas } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { openDatabase, type Database } from '../../server/src/db/database';
import { ENTITIES } from '../../server/src/entities';
import { QueryCounter } from '../../server/src/db/query-counter';
import { DEMO_API_KEY, DEMO_PASSWORD } from '../../db/src';
import { TEST_DATABASE, databaseUrl } from './database-url';

export type DemoUser = 'admin' | 'planner' | 'chainlead' | 'bureau' | 'liangyuan' | 'integrator';

export interface GqlResult<T = any> { data?: T; errors?: { message: string; extensions?: Record<string, any> }[] }

/** The real server wired to the seeded test database, called in-process through Apollo with real loaders. */
export interface TestApi {
  atlas: Atlas;
  db: Database;
  /** Runs an operation as a demo user (or anonymously with `null`). */
  gql<T = any>(as: DemoUser | null, query: string | DocumentNode, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  /** Like gql, and also counts the SQL statements the request ran. */
  gqlCounted<T = any>(as: DemoUser | null, query: string, variables?: Record<string, unknown>): Promise<{ result: GqlResult<T>; statements: number }>;
  /** Raw SQL on the test database (for checking that nothing was written). */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function createTestApi(): Promise<TestApi> {
  const url = process.env.ATLAS_TEST_DATABASE_URL ?? databaseUrl(TEST_DATABASE);
  const config = { ...loadConfig({ DATABASE_URL: url, ATLAS_TOKEN_SECRET: 'test-secret' }), seed: 'never' as const, webDist: null };
  const db = await openDatabase({ databaseUrl: url, dataDir: config.dataDir, poolSize: 4, entities: ENTITIES });
  const atlas = await createAtlas(config, db);
  const tokens = new Map<DemoUser, string>();

  const headersFor = async (as: DemoUser | null): Promise<[string | undefined, string | undefined]> => {
    if (as === null) return [undefined, undefined];
    if (as === 'integrator') return [undefined, DEMO_API_KEY];
    let t = tokens.get(as);
    if (!t) {
      t = (await atlas.auth.signIn(as, DEMO_PASSWORD)).token;
      tokens.set(as, t);
    }
    return [`Bearer ${t}`, undefined];
  };

  const gql = async (as: DemoUser | null, query: string | DocumentNode, variables?: Record<string, unknown>) => {
    const [authorization, apiKey] = await headersFor(as);
    // As over HTTP: a query that compiles to one statement is answered by it (its JSON text is parsed back below).
    const contextValue = { ...(await atlas.contextFor(authorization, apiKey)), compiledReads: true };
    const res = await atlas.apollo.executeOperation({ query: query, variables }, { contextValue });
    if (res.body.kind !== 'single') throw new Error('unexpected incremental response');
    return JSON.parse(JSON.stringify(res.body.singleResult));
  };

  return {
    atlas, db, gql,
    gqlCounted: async (as, query, variables) => {
      await headersFor(as);
      const { result, counter } = QueryCounter.run(() => gql(as, query, variables));
      return { result: await result, statements: counter.count };
    },
    sql: (text, params) => db.ds.query(text, params),
    close: async () => { await atlas.stop(); await db.close(); },
  };
}

/** The error codes of a result, for terse assertions. */
export const codes = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions?.code);
