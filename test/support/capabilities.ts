import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';

/**
 * What a test run has. `npm test` runs on a real PostgreSQL + PostGIS where one answers, else on the embedded
 * PGlite + PostGIS behind a wire-protocol server (test/support/global-setup.ts); a few suites need what only one of
 * them, or this machine, has. They skip with the reason, which the summary reporter prints and counts.
 */
export const ENGINE: 'postgres' | 'pglite' = process.env.ATLAS_TEST_DATABASE_KIND === 'pglite' ? 'pglite' : 'postgres';
/** How much longer the same work may take on this run's database than on PostgreSQL (time limits are scaled by it). */
export const SLOWER = ENGINE === 'pglite' ? 3 : 1;
export const CHROMIUM = process.env.ATLAS_CHROMIUM ?? '/usr/bin/chromium';

export type Need = 'postgres-cluster' | 'st-asmvt' | 'roles' | 'chromium';

/** Why this run cannot give `need`, or null when it can. */
export function missing(need: Need): string | null {
  const pglite = ENGINE === 'pglite';
  switch (need) {
    case 'postgres-cluster': return pglite ? 'needs a PostgreSQL cluster of its own (initdb, pg_ctl) to stop and kill; this run is on PGlite' : null;
    case 'st-asmvt': return pglite ? 'needs PostGIS ST_AsMVT, which PGlite lacks' : null;
    case 'roles': return pglite ? 'needs database roles and SET ROLE; PGlite is one session of one user' : null;
    case 'chromium': return existsSync(CHROMIUM) ? null : `needs Chromium at ${CHROMIUM} (apt-get install chromium, or set ATLAS_CHROMIUM)`;
  }
}

/** The first missing need's reason; printed with a tag the summary reporter collects. */
function reasonFor(needs: Need[]): string | null {
  const reason = needs.map(missing).find((r) => r !== null) ?? null;
  if (reason) console.log(`${SKIP_TAG}${reason}`);
  return reason;
}
export const SKIP_TAG = '[atlas-skip] ';

/** `describe`, or `describe.skip` with the reason printed when this run lacks one of `needs` (the file's hooks then do not run). */
export const describeNeeding = (...needs: Need[]): ReturnType<typeof describe.skipIf> => describe.skipIf(reasonFor(needs) !== null);
/** `it`, or `it.skip` with the reason printed when this run lacks one of `needs`. */
export const itNeeding = (...needs: Need[]): ReturnType<typeof it.skipIf> => it.skipIf(reasonFor(needs) !== null);
