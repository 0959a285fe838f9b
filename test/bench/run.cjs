// pnpm bench: measures the product's two performance mechanisms against a baseline in the same run, and prints ratios.
//  1. GiST-indexed spatial filters vs the same SQL with index scans disabled (sequential scan baseline).
//  2. Per-request DataLoader batching vs the same resolvers loading one key per query (the N+1 baseline).
//  3. The assessment ranking through GraphQL vs the same computation as one plain SQL statement (goal ≤ 1.5×).
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

  console.log('\n3. Assessment ranking (考核): GraphQL assessmentRanking vs the same computation as one plain SQL statement');
  // The baseline is written independently here: credited = Σ arrivals × coefficient (+ host share for departments'
  // projects located in a county), ≥1亿 count, weighted completion, rank per kind.
  const PLAIN_RANKING = `
    WITH r AS (SELECT * FROM assessment_rule WHERE year = $1),
    a AS (SELECT f.amount * c.coefficient AS v, f.foreign_amount * c.coefficient AS fv, p.introducing_unit_id AS u,
                 (SELECT h.id FROM assessment_unit h WHERE iu.kind = 'department' AND h.kind = 'district' AND h.region_id = p.region_id ORDER BY h.id LIMIT 1) AS host
          FROM fund_arrival f JOIN project p ON p.id = f.project_id JOIN assessment_unit iu ON iu.id = p.introducing_unit_id
          JOIN assessment_coefficient c ON c.year = $1 AND c.category_code = p.category_code AND c.coefficient > 0
          WHERE f.arrived_on BETWEEN make_date($1, 1, 1) AND $2::date),
    cr AS (SELECT u, sum(v) v, sum(fv) fv FROM (SELECT u, v, fv FROM a UNION ALL SELECT host, v * r.host_share, fv * r.host_share FROM a, r WHERE host IS NOT NULL AND r.host_share > 0) x GROUP BY u),
    b AS (SELECT p.introducing_unit_id u, count(*) n FROM project p, r
          WHERE p.agreed_investment >= r.big_project_threshold
            AND EXISTS (SELECT 1 FROM project_stage_event s WHERE s.project_id = p.id AND s.stage = 'signed' AND s.entered_on BETWEEN make_date($1, 1, 1) AND $2::date)
            AND NOT EXISTS (SELECT 1 FROM project_stage_event s WHERE s.project_id = p.id AND s.stage = 'terminated' AND s.entered_on <= $2::date)
            AND EXISTS (SELECT 1 FROM assessment_coefficient c WHERE c.year = $1 AND c.category_code = p.category_code AND c.coefficient > 0)
          GROUP BY 1)
    SELECT u.id, u.kind, round(coalesce(cr.v, 0), 2)::float8 AS credited,
           round(coalesce(r.weight_total * round(coalesce(cr.v, 0), 2) / NULLIF(t.total_amount, 0), 0) + coalesce(r.weight_foreign * round(coalesce(cr.fv, 0), 2) / NULLIF(t.foreign_amount, 0), 0)
             + coalesce(r.weight_count * coalesce(b.n, 0) / NULLIF(t.big_project_count, 0), 0), 6)::float8 AS score,
           rank() OVER (PARTITION BY u.kind ORDER BY round(coalesce(r.weight_total * round(coalesce(cr.v, 0), 2) / NULLIF(t.total_amount, 0), 0) + coalesce(r.weight_foreign * round(coalesce(cr.fv, 0), 2) / NULLIF(t.foreign_amount, 0), 0)
             + coalesce(r.weight_count * coalesce(b.n, 0) / NULLIF(t.big_project_count, 0), 0), 6) DESC) AS rank
    FROM annual_target t JOIN assessment_unit u ON u.id = t.unit_id CROSS JOIN r LEFT JOIN cr ON cr.u = u.id LEFT JOIN b ON b.u = u.id
    WHERE t.year = $1 ORDER BY u.kind, rank, u.code`;
  const rankingQuery = `{ assessmentRanking(year: 2026, asOf: "2026-06-30") { districts { rank score creditedTotal unit { id name } } departments { rank score creditedTotal unit { id name } } } }`;
  const plain = await db.ds.query(PLAIN_RANKING, [2026, '2026-06-30']);
  const viaApi = await run(rankingQuery);
  const apiRows = [...viaApi.assessmentRanking.districts, ...viaApi.assessmentRanking.departments];
  const agree = plain.length === apiRows.length && plain.every((p) => apiRows.some((a) => Number(a.unit.id) === p.id && a.score === p.score && a.creditedTotal === p.credited && a.rank === Number(p.rank)));
  if (!agree) throw new Error('assessmentRanking and the plain SQL baseline disagree');
  const rPlain = await median(() => db.ds.query(PLAIN_RANKING, [2026, '2026-06-30']));
  const rApi = await median(() => run(rankingQuery));
  const [{ arrivals }] = await db.ds.query(`SELECT count(*)::int AS arrivals FROM fund_arrival`);
  console.log(`${'ranking of 2026 as of 2026-06-30'.padEnd(52)} plain SQL ${rPlain.toFixed(1).padStart(7)} ms   atlas ${rApi.toFixed(1).padStart(8)} ms   ${(rApi / rPlain).toFixed(2).padStart(6)}× the plain statement (goal ≤ 1.5×; ${apiRows.length} units, ${arrivals} arrivals, results identical)`);

  await atlas.stop();
  await db.close();
  console.log('\nMedians of', ROUNDS, 'rounds after a warm-up; ratios are what to read, absolute times depend on the machine.');
}

main().catch((e) => { console.error(e); process.exit(1); });
