import 'reflect-metadata';
import { createAtlas } from './app';
import { prepareDatabase } from './bootstrap';
import { ConfigError, loadConfig, type AtlasConfig } from './config';

async function main() {
  let config: AtlasConfig;
  try { config = loadConfig(); } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`[atlas] refusing to start: ${e.message}`);
    process.exit(78); // EX_CONFIG
  }
  const db = await prepareDatabase(config);
  const atlas = await createAtlas(config, db);
  // Longer than common proxies' and clients' idle timeouts, so a reused keep-alive socket is not closed under a request.
  atlas.httpServer.keepAliveTimeout = 65_000;
  atlas.httpServer.headersTimeout = 66_000;
  const url = await atlas.listen(config.port, config.host);
  console.log(`\n  招商图谱 Invest Atlas is running\n  Web:     ${url}/${config.webDist ? '' : '  (web app not built: run `pnpm build`)'}\n  GraphQL: ${url}/graphql\n  OGC API: ${url}/ogc\n`);
  const shutdown = async () => { await atlas.stop(); await db.close(); process.exit(0); };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((err) => { console.error('[atlas] failed to start:', err); process.exit(1); });
