import { ENTITIES } from '../../entities';
import { basename } from 'node:path';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { importParkBoundaries } from '../../modules/gis';
import { cliOperator, parseImportArgs, printImportReport, readLandFileArg } from './import-parcels';
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
      return printImportReport(r, o.dryRun, `updated ${r.summary.updated}, unchanged ${r.summary.unchanged}`);
    } finally {
      await db.close();
    }
  },
};
