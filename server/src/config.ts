import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Sign-in throttling: at most `maxPerAccount` / `maxPerAddress` failures within `windowSeconds`. */
export interface ThrottleSettings {
  maxPerAccount: number;
  maxPerAddress: number;
  windowSeconds: number;
}

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
  /** The configured basemap's coordinate system: 'gcj02' for AMap/Tencent-style basemaps (the web shifts our data onto it). */
  basemapCrs: 'wgs84' | 'gcj02';
  /**
   * 'auto': load the demo city into an empty embedded database (never into PostgreSQL, never in production);
   * 'demo': load it into any empty database, on purpose; 'never': do not.
   */
  seed: 'auto' | 'never' | 'demo';
  /** NODE_ENV=production: refuses weak secrets and hides demo accounts unless ATLAS_SEED=demo. */
  production: boolean;
  signInThrottle: ThrottleSettings;
  /** Built web app served at /, if present. */
  webDist: string | null;
}

export const REPO_ROOT = resolve(__dirname, '..', '..');

/** Secrets that appear in docs, tests and examples: never acceptable in production. */
const KNOWN_SECRETS = new Set(['secret', 'changeme', 'change-me', 'test-secret', 'atlas', 'atlas2026', 'invest-atlas', 'smoke', 'password']);
const MIN_SECRET_LENGTH = 32;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AtlasConfig {
  const dataDir = resolve(env.ATLAS_DATA_DIR ?? join(REPO_ROOT, '.data', 'pglite'));
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const webDist = resolve(env.ATLAS_WEB_DIST ?? join(REPO_ROOT, 'web', 'dist'));
  const production = env.NODE_ENV === 'production';
  if (production) assertProductionSecret(env.ATLAS_TOKEN_SECRET);
  const num = (name: string, dflt: number) => (env[name] && Number(env[name]) > 0 ? Number(env[name]) : dflt);
  return {
    databaseUrl,
    dataDir,
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 4000),
    tokenSecret: env.ATLAS_TOKEN_SECRET ?? persistentSecret(databaseUrl ? null : dataDir),
    tokenTtlHours: Number(env.ATLAS_TOKEN_TTL_HOURS ?? 12),
    basemapStyleUrl: env.ATLAS_BASEMAP_STYLE_URL?.trim() || null,
    basemapCrs: basemapCrsOf(env.ATLAS_BASEMAP_CRS),
    seed: env.ATLAS_SEED === 'never' ? 'never' : env.ATLAS_SEED === 'demo' ? 'demo' : 'auto',
    production,
    signInThrottle: {
      maxPerAccount: num('ATLAS_SIGNIN_MAX_PER_ACCOUNT', 5),
      maxPerAddress: num('ATLAS_SIGNIN_MAX_PER_ADDRESS', 50),
      windowSeconds: num('ATLAS_SIGNIN_WINDOW_SECONDS', 15 * 60),
    },
    webDist: existsSync(join(webDist, 'index.html')) ? webDist : null,
  };
}

/** ATLAS_BASEMAP_CRS: unset, wgs84, cgcs2000 (the same to a map's eye) or gcj02; anything else stops the start. */
export function basemapCrsOf(value: string | undefined): 'wgs84' | 'gcj02' {
  const v = (value ?? '').trim().toLowerCase().replace(/[-_ ]/g, '');
  if (v === '' || v === 'wgs84' || v === 'epsg4326' || v === 'cgcs2000' || v === 'epsg4490') return 'wgs84';
  if (v === 'gcj02') return 'gcj02';
  throw new ConfigError(`ATLAS_BASEMAP_CRS="${value}": use wgs84 (also for CGCS2000, e.g. 天地图) or gcj02 (AMap, Tencent)`);
}

/** In production the token secret must be set, long and not one of the examples: anyone who knows it can sign tokens as admin. */
export function assertProductionSecret(secret: string | undefined): void {
  const problem = !secret?.trim() ? 'is not set'
    : KNOWN_SECRETS.has(secret.trim().toLowerCase()) ? 'is a well-known example value'
    : secret.length < MIN_SECRET_LENGTH ? `is shorter than ${MIN_SECRET_LENGTH} characters`
    : null;
  if (problem) {
    throw new ConfigError(`NODE_ENV=production and ATLAS_TOKEN_SECRET ${problem}: refusing to start, because anyone who can guess the secret can forge sign-ins. `
      + `Set ATLAS_TOKEN_SECRET to a random value of at least ${MIN_SECRET_LENGTH} characters, e.g. \`openssl rand -hex 32\`.`);
  }
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
