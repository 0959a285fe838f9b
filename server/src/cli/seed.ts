import 'reflect-metadata';
import { migrate, seedDemo } from '@atlas/db';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { REGION_COUNT } from '../db/database.sql';
import { ENTITIES } from '../entities';

/** Migrates and seeds the demo city on the configured database, on purpose (`--scale N` for a larger benchmark dataset). */
async function run() {
  const config = loadConfig();
  const scaleArg = process.argv.indexOf('--scale');
  const scale = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1;
  const db = await openDatabase({
    databaseUrl: config.databaseUrl, dataDir: config.dataDir, entities: ENTITIES, poolSize: 1,
    prepare: async (sql) => {
      await migrate(sql);
      const [{ n }] = await sql.query<{ n: number }>(REGION_COUNT);
      if (n > 0) {
        console.error('The database already has data; the demo city is generated only into an empty database (point DATABASE_URL at a new one).');
        process.exit(1);
      }
      console.log(await seedDemo(sql, { scale, onProgress: (s, d, t) => console.log(`seed ${d}/${t}: ${s}`) }));
    },
  });
  await db.close();
}

run().catch((e) => { console.error(e); process.exit(1); });
