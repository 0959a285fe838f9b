import { ENTITIES } from '../../entities';
import { basename } from 'node:path';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { importParkBoundaries } from '../../modules/gis';
import { cliOperator, parseImportArgs, readLandFileArg } from './import-parcels';
import type { CliCommand } from './index';

const USAGE = 'import parks FILE [--dry-run] [--skip-invalid] [--srid N] [--gcj02] [--map parkName=COLUMN,parkId=COLUMN]';

/** `pnpm atlas import parks FILE`: park boundaries matched by park id or name; one line per problem, then `imported N, skipped M`. */
export const importParksCommand: CliCommand = {
  name: 'import parks',
  usage: USAGE,
  summary: 'import park boundaries from a zipped Shapefile, .shp, GeoJSON or GeoPackage (matched by park id or name)',
  async run(args) {
    const o = parseImportArgs(args);
    if (o.parkId !== null) throw new Error(`--park does not apply to park boundaries; usage: pnpm atlas ${USAGE}`);
    const { bytes, siblings } = readLandFileArg(o.file);
    const config = loadConfig();
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, entities: ENTITIES });
    try {
      const r = await importParkBoundaries(db.ds, cliOperator(), basename(o.file), bytes, { ...o, mapping: o.mapping, siblings });
      console.log(`${r.format}, ${r.crs ? r.crs.label : 'unknown CRS'}${r.encoding ? `, ${r.encoding}` : ''}, ${r.summary.total} features`);
      for (const p of r.problems) {
        console.log(`${p.feature ? `feature ${p.feature}` : 'file'}${p.code ? ` (${p.code})` : ''}${p.field ? ` ${p.field}` : ''}: ${p.problem}: ${p.message}`);
      }
      if (r.summary.written) console.log(`updated ${r.summary.updated}, unchanged ${r.summary.unchanged}`);
      else if (o.dryRun) console.log(`dry run: ${r.summary.valid} valid, ${r.summary.invalid} with problems; nothing written`);
      else if (r.problems.length) console.log('nothing written: fix the problems above, or import the valid features with --skip-invalid');
      console.log(`imported ${r.summary.imported}, skipped ${r.summary.skipped}`);
      return r.summary.written || (o.dryRun && r.problems.length === 0) ? 0 : 1;
    } finally {
      await db.close();
    }
  },
};
