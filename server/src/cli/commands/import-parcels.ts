import { ENTITIES } from '../../entities';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { userInfo } from 'node:os';
import { Role, type AuthUser } from '../../auth/auth-user';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { importParcels, type FieldMapping } from '../../modules/gis';
import type { CliCommand } from './index';

const USAGE = 'import parcels FILE [--park ID] [--dry-run] [--skip-invalid] [--srid N] [--gcj02] [--map field=COLUMN,...]';

/** Parses FILE and the options after it (the CLI strips the command's two words); throws with a message on anything it does not know. */
export function parseImportArgs(args: string[]) {
  const [file, ...rest] = args;
  if (!file) throw new Error(`usage: pnpm atlas ${USAGE}`);
  const o = { file, parkId: null as number | null, dryRun: false, skipInvalid: false, srid: null as number | null, gcj02: false, mapping: {} as FieldMapping };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const positive = (v: string) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${a} needs a positive whole number, not "${v}"`);
      return n;
    };
    if (a === '--park') o.parkId = positive(value());
    else if (a === '--dry-run') o.dryRun = true;
    else if (a === '--skip-invalid') o.skipInvalid = true;
    else if (a === '--srid') o.srid = positive(value());
    else if (a === '--gcj02') o.gcj02 = true;
    else if (a === '--map') {
      for (const pair of value().split(',')) {
        const [field, column] = pair.split('=');
        if (!field || !column) throw new Error(`--map takes field=COLUMN pairs, e.g. code=DKBH,landUse=YDXZ`);
        (o.mapping as Record<string, string>)[field.trim()] = column.trim();
      }
    } else throw new Error(`unknown option ${a}; usage: pnpm atlas ${USAGE}`);
  }
  return o;
}

/** Who the audit log names for a CLI import: the operating-system user, with admin rights. */
export const cliOperator = (): AuthUser => ({ id: 0, username: `cli:${userInfo().username}`, displayName: 'pnpm atlas', role: Role.ADMIN, unitId: null, chainIds: [] });

/** The file's bytes; a bare .shp brings its .dbf/.prj/.cpg from the same folder. */
export function readLandFileArg(file: string): { bytes: Buffer; siblings: Map<string, Buffer> } {
  const siblings = new Map<string, Buffer>();
  if (extname(file).toLowerCase() === '.shp') {
    const stem = basename(file, extname(file)).toLowerCase();
    for (const f of readdirSync(dirname(file))) {
      if (basename(f, extname(f)).toLowerCase() === stem && f !== basename(file)) siblings.set(f, readFileSync(join(dirname(file), f)));
    }
  }
  return { bytes: readFileSync(file), siblings };
}

/** What a GIS import report looks like on the command line, shared by parcels and parks. */
interface LandImportReport {
  format: string;
  crs: { label: string } | null;
  encoding: string | null;
  problems: { feature: number; code: string | null; field: string | null; problem: string; message: string }[];
  summary: { total: number; valid: number; invalid: number; imported: number; skipped: number; written: boolean };
}

/**
 * Prints an import report: the file, one line per problem, what was written (`writtenLine`) or why not, and the
 * summary line `imported N, skipped M`. Returns the exit code: 0 when written (or a clean dry run), else 1.
 */
export function printImportReport(r: LandImportReport, dryRun: boolean, writtenLine: string): number {
  console.log(`${r.format}, ${r.crs ? r.crs.label : 'unknown CRS'}${r.encoding ? `, ${r.encoding}` : ''}, ${r.summary.total} features`);
  for (const p of r.problems) {
    console.log(`${p.feature ? `feature ${p.feature}` : 'file'}${p.code ? ` (${p.code})` : ''}${p.field ? ` ${p.field}` : ''}: ${p.problem}: ${p.message}`);
  }
  if (r.summary.written) console.log(writtenLine);
  else if (dryRun) console.log(`dry run: ${r.summary.valid} valid, ${r.summary.invalid} with problems; nothing written`);
  else if (r.problems.length) console.log('nothing written: fix the problems above, or import the valid features with --skip-invalid');
  console.log(`imported ${r.summary.imported}, skipped ${r.summary.skipped}`);
  return r.summary.written || (dryRun && r.problems.length === 0) ? 0 : 1;
}

/** `pnpm atlas import parcels FILE`: one line per problem, then `imported N, skipped M`; exit 1 when nothing could be written. */
export const importParcelsCommand: CliCommand = {
  name: 'import parcels',
  usage: USAGE,
  summary: 'import land parcels from a zipped Shapefile, .shp, GeoJSON or GeoPackage (matched by parcel code)',
  async run(args) {
    const o = parseImportArgs(args);
    const { bytes, siblings } = readLandFileArg(o.file);
    const config = loadConfig();
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, entities: ENTITIES });
    try {
      const r = await importParcels(db.ds, cliOperator(), basename(o.file), bytes, { ...o, siblings });
      return printImportReport(r, o.dryRun, `created ${r.summary.created}, updated ${r.summary.updated}, unchanged ${r.summary.unchanged}`);
    } finally {
      await db.close();
    }
  },
};
