#!/usr/bin/env node
// Provisions what `npm test` needs on this machine, the way .ci/run used to: PostgreSQL 15 + PostGIS, Debian's Chromium
// and CJK fonts (installed with apt-get when running as root on Debian and missing), then starts the local cluster.
// Prints which database and browser the tests will use. Where no PostgreSQL answers, the tests run on the embedded
// PGlite + PostGIS through a wire-protocol server (test/support/global-setup.ts) and skip, with the reason, what needs
// PostgreSQL itself; without Chromium the browser suites skip. ATLAS_TEST_ENGINE=postgres (CI) makes a missing
// PostgreSQL an error instead; ATLAS_PROVISION=never installs and starts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CHROMIUM = process.env.ATLAS_CHROMIUM ?? '/usr/bin/chromium';
// postgresql-15 also gives the fault tests initdb/pg_ctl (a throw-away cluster on port 5440), util-linux their runuser; gdal-bin is an independent GIS client the import tests check against.
const PACKAGES = ['postgresql-15', 'postgresql-15-postgis-3', 'chromium', 'fonts-noto-cjk', 'util-linux', 'gdal-bin'];
const log = (m) => console.log(`[provision] ${m}`);
const ENGINE = process.env.ATLAS_TEST_ENGINE ?? 'auto';
const provision = process.env.ATLAS_PROVISION !== 'never';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version');
const postgisInstalled = () => existsSync('/usr/share/postgresql/15/extension/postgis.control');
const { hostname: host, port: rawPort } = new URL(DATABASE_URL);
const port = rawPort || '5432';
const local = host === '127.0.0.1' || host === 'localhost';

function ready() {
  if (has('pg_isready')) return spawnSync('pg_isready', ['-h', host, '-p', port, '-q']).status === 0;
  return false;
}

// 1. System packages, only where this script may install them and only when something is missing.
const missing = PACKAGES.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
if (missing.length && isDebian && isRoot && provision && ENGINE !== 'pglite') {
  log(`installing ${missing.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...PACKAGES], { stdio: 'inherit', env });
} else if (missing.length) {
  log(`missing Debian packages ${missing.join(', ')} (${provision ? 'not root on Debian' : 'ATLAS_PROVISION=never'}, so not installing them)`);
}

// 2. The local cluster, when the tests point at this machine and it is not answering.
if (provision && ENGINE !== 'pglite' && local && !ready() && has('pg_ctlcluster') && postgisInstalled()) {
  log('starting PostgreSQL 15 (pg_ctlcluster 15 main start)…');
  spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', '15', 'main', 'start'], { stdio: 'inherit' });
  for (let i = 0; i < 30 && !ready(); i++) spawnSync('sleep', ['1']);
}

// 3. Say what the tests will use, or what is missing.
let ok = true;
if (ENGINE === 'pglite') {
  log('database: the embedded PGlite + PostGIS (ATLAS_TEST_ENGINE=pglite), through a wire-protocol server the tests start');
} else if (ready()) {
  log(`database: PostgreSQL + PostGIS at ${host}:${port} (DATABASE_URL${process.env.DATABASE_URL ? '' : ' default'})`);
} else if (ENGINE === 'postgres') {
  ok = false;
  log(`database: no PostgreSQL answers at ${host}:${port} and ATLAS_TEST_ENGINE=postgres. Install PostgreSQL 15 + PostGIS 3 (Debian: apt-get install postgresql-15-postgis-3, as root) or set DATABASE_URL.`);
} else {
  log(`database: no PostgreSQL answers at ${host}:${port}; the tests will run on the embedded PGlite + PostGIS through a wire-protocol server and skip, with the reason, what needs PostgreSQL itself (for PostgreSQL: install postgresql-15-postgis-3 as root, or set DATABASE_URL)`);
}
if (existsSync(CHROMIUM)) log(`browser: ${CHROMIUM}`);
else log(`browser: no Chromium at ${CHROMIUM}; the browser suites will be skipped (install Debian's chromium as root, or set ATLAS_CHROMIUM)`);
process.exit(ok ? 0 : 1);
