import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Everything the server reads from the environment, with the defaults a newcomer needs. */
export interface AtlasConfig {
  /** Real PostgreSQL + PostGIS; when absent the embedded PGlite database is used. */
  databaseUrl: string | null;
  /** Where the embedded database lives on disk. */
  dataDir: string;
  host: string;
  port: number;
  tokenSecret: string;
  tokenTtlHours: number;
  basemapStyleUrl: string | null;
  /** 'auto': seed the demo city when the database is empty; 'never': do not. */
  seed: 'auto' | 'never';
  /** Built web app served at /, if present. */
  webDist: string | null;
}

export const REPO_ROOT = resolve(__dirname, '..', '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AtlasConfig {
  const dataDir = resolve(env.ATLAS_DATA_DIR ?? join(REPO_ROOT, '.data', 'pglite'));
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const webDist = resolve(env.ATLAS_WEB_DIST ?? join(REPO_ROOT, 'web', 'dist'));
  return {
    databaseUrl,
    dataDir,
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 4000),
    tokenSecret: env.ATLAS_TOKEN_SECRET ?? persistentSecret(databaseUrl ? null : dataDir),
    tokenTtlHours: Number(env.ATLAS_TOKEN_TTL_HOURS ?? 12),
    basemapStyleUrl: env.ATLAS_BASEMAP_STYLE_URL?.trim() || null,
    seed: env.ATLAS_SEED === 'never' ? 'never' : 'auto',
    webDist: existsSync(join(webDist, 'index.html')) ? webDist : null,
  };
}

/** Embedded mode keeps its signing secret beside the data so sessions survive restarts; otherwise one per process. */
function persistentSecret(dataDir: string | null): string {
  if (!dataDir) {
    console.warn('[atlas] ATLAS_TOKEN_SECRET is not set: using a random secret, sign-ins end when the server restarts');
    return randomBytes(32).toString('hex');
  }
  const file = join(dataDir, '..', 'token-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(join(dataDir, '..'), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
