import 'reflect-metadata';
import { createAtlas } from './app';
import { prepareDatabase } from './bootstrap';
import { loadConfig } from './config';

async function main() {
  const config = loadConfig();
  const db = await prepareDatabase(config);
  const atlas = await createAtlas(config, db);
  const url = await atlas.listen(config.port, config.host);
  console.log(`\n  招商图谱 Invest Atlas is running\n  Web:     ${url}/${config.webDist ? '' : '  (web app not built: run `pnpm build`)'}\n  GraphQL: ${url}/graphql\n  OGC API: ${url}/ogc\n`);
  const shutdown = async () => { await atlas.stop(); await db.close(); process.exit(0); };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((err) => { console.error('[atlas] failed to start:', err); process.exit(1); });
