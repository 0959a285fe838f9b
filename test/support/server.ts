import 'reflect-metadata';
import { join } from 'node:path';
import { createAtlas } from '../../server/src/app';
import { REPO_ROOT, loadConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { ENTITIES } from '../../server/src/entities';
import { TEST_DATABASE, databaseUrl } from './database-url';

/** Starts the whole product (API + built web app) over HTTP on a free port, on the seeded test database; `env` adds settings (e.g. a basemap). */
export async function startAtlasServer(env: Record<string, string> = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  const url = process.env.ATLAS_TEST_DATABASE_URL ?? databaseUrl(TEST_DATABASE);
  const config = { ...loadConfig({ DATABASE_URL: url, ATLAS_TOKEN_SECRET: 'test-secret', ATLAS_WEB_DIST: join(REPO_ROOT, 'web', 'dist'), ...env }), seed: 'never' as const };
  if (!config.webDist) throw new Error('web/dist is missing: build the web app first (pnpm build)');
  const db = await openDatabase({ databaseUrl: url, dataDir: config.dataDir, poolSize: 4, entities: ENTITIES });
  const atlas = await createAtlas(config, db);
  const base = await atlas.listen(0, '127.0.0.1');
  return {
    url: base,
    stop: async () => {
      await atlas.stop();
      await new Promise<void>((r) => atlas.httpServer.close(() => r()));
      await db.close();
    },
  };
}
