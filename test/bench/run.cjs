// pnpm bench: measures the product's two performance mechanisms against a baseline in the same run, and prints ratios.
//  1. GiST-indexed spatial filters vs the same SQL with index scans disabled (sequential scan baseline).
//  2. Per-request DataLoader batching vs the same resolvers loading one key per query (the N+1 baseline).
// Runs on a scratch database `atlas_bench` of the PostgreSQL at DATABASE_URL, seeded with the demo generator at --scale (default 10).
require('reflect-metadata');
const { Client } = require('pg');
const { migrate, seedDemo, DEMO_PASSWORD } = require('../../db/dist');
const { openDatabase } = require('../../server/dist/db/database');
const { ENTITIES } = require('../../server/dist/entities');
const { createAtlas } = require('../../server/dist/app');
const { loadConfig } = require('../../server/dist/config');
const { createContext } = require('../../server/dist/common/context');
const { LoaderRegistry } = require('../../server/dist/common/loaders');
const { QueryCounter } = require('../../server/dist/db/query-counter');

const ADMIN = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scaleArg = process.argv.indexOf('--scale');
const SCALE = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 10;
const ROUNDS = 15;
const BENCH_DB = process.env.ATLAS_BENCH_DB || 'atlas_bench';
const url = (() => { const u = new URL(ADMIN); u.pathname = `/${BENCH_DB}`; return u.toString(); })();

async function median(fn) {
  await fn(); // warm-up
  const times = [];
  for (let i = 0; i < ROUNDS; i++) { const t = process.hrtime.bigint(); await fn(); times.push(Number(process.hrtime.bigint() - t) / 1e6); }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const row = (name, base, fast, extra = '') =>
  console.log(`${name.padEnd(52)} baseline ${base.toFixed(1).padStart(8)} ms   atlas ${fast.toFixed(1).padStart(8)} ms   ${(base / fast).toFixed(1).padStart(6)}× faster ${extra}`);

async function main() {
  const admin = new Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  await admin.end();
  const c = new Client({ connectionString: url });
  await c.connect();
  const sql = { query: async (t, p) => (await c.query(t, p)).rows, exec: async (s) => { await c.query(s); } };
  const t0 = Date.now();
  await migrate(sql);
  const summary = await seedDemo(sql, { scale: SCALE });
  await c.query('ANALYZE');
  await c.end();
  console.log(`seeded scale ${SCALE} in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}\n`);

  // One pooled connection so SET applies to every statement of the baseline.
  const db = await openDatabase({ databaseUrl: url, dataDir: '/tmp/unused', poolSize: 1, entities: ENTITIES });
  const config = { ...loadConfig({ DATABASE_URL: url, ATLAS_TOKEN_SECRET: 'bench' }), webDist: null };
  const atlas = await createAtlas(config, db);
  const { user } = await atlas.auth.signIn('bureau', DEMO_PASSWORD);
  const run = async (query, batch = true) => {
    const ctx = createContext(db.ds, atlas.auth, user);
    ctx.loaders = new LoaderRegistry({ batch });
    const res = await atlas.apollo.executeOperation({ query }, { contextValue: ctx });
    if (res.body.singleResult.errors) throw new Error(JSON.stringify(res.body.singleResult.errors));
    return res.body.singleResult.data;
  };
  const seq = async (on) => { await db.ds.query(`SET enable_indexscan = ${on ? 'off' : 'on'}`); await db.ds.query(`SET enable_bitmapscan = ${on ? 'off' : 'on'}`); };

  console.log('1. Spatial filters: GiST index vs sequential scan (same SQL, index scans disabled for the baseline)');
  // Boxes and points taken from the data so every query finds rows.
  const [box] = await db.ds.query(`SELECT ST_XMin(e) x0, ST_YMin(e) y0, ST_XMax(e) x1, ST_YMax(e) y1, ST_X(ST_Centroid(e)) cx, ST_Y(ST_Centroid(e)) cy
    FROM (SELECT ST_Extent(geom)::geometry e FROM parcel WHERE park_id = (SELECT park_id FROM parcel GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)) s`);
  const [district] = await db.ds.query(`SELECT id FROM region WHERE name = '梁园区'`);
  const spatial = [
    ['parcels in the busiest park\'s box (GraphQL bbox)', `{ parcels(first: 500, filter: { bbox: [${box.x0}, ${box.y0}, ${box.x1}, ${box.y1}] }) { totalCount nodes { id areaMu } } }`],
    ['local enterprises within 3 km (GraphQL near filter)', `{ enterprises(first: 500, filter: { isLocal: true, near: { lon: ${box.cx}, lat: ${box.cy}, meters: 3000 } }) { totalCount nodes { id } } }`],
    ['projects within a district (GraphQL withinRegion)', `{ projects(first: 500, filter: { withinRegionId: "${district.id}" }) { totalCount nodes { id } } }`],
  ];
  for (const [name, q] of spatial) {
    await seq(true); const base = await median(() => run(q)); await seq(false);
    const fast = await median(() => run(q));
    const data = await run(q);
    row(name, base, fast, `(${Object.values(data)[0].totalCount} rows)`);
  }

  console.log('\n2. Relations: per-request DataLoader batching vs one query per row (N+1 baseline)');
  const nested = `{ projects(first: 200) { nodes { name investor { name } introducingUnit { name } park { name region { name } } chainNode { name }
    region { name } stageHistory { stage enteredOn } fundArrivals { amount } fundsInPlace } } }`;
  const count = async (batch) => { const r = QueryCounter.run(() => run(nested, batch)); await r.result; return r.counter.count; };
  const [sBase, sFast] = [await count(false), await count(true)];
  const base = await median(() => run(nested, false));
  const fast = await median(() => run(nested, true));
  row('200 projects with 8 nested relations', base, fast, `(${sBase} vs ${sFast} SQL statements)`);

  await require('./tiles.cjs').benchTiles({ atlas, url });

  await atlas.stop();
  await db.close();
  console.log('\nMedians of', ROUNDS, 'rounds after a warm-up; ratios are what to read, absolute times depend on the machine.');
}

main().catch((e) => { console.error(e); process.exit(1); });
