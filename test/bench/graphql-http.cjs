// pnpm bench, section "GraphQL over HTTP": each query shape served by Invest Atlas against one hand-written SQL statement
// returning the same JSON, both over HTTP on loopback with 10 concurrent keep-alive clients, in alternating rounds.
// The JSON of both is compared once per shape (parsed, deep-equal) before anything is timed.
// `node test/bench/run.cjs --only http` runs this section alone. ROUND_MS / ROUNDS tune the length.
const http = require('node:http');
const { Worker } = require('node:worker_threads');
const { isDeepStrictEqual } = require('node:util');
const { Pool } = require('pg');

const CLIENTS = 10;
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_HTTP_ROUND_MS ?? 1500);

// 亩 from m², as the API computes it (10000/15 m² per 亩) in float8.
const MU = '(10000::float8 / 15)';
const nodesOf = (rows, order) => `json_build_object('nodes', coalesce((SELECT json_agg(${rows.obj} ORDER BY ${order}) FROM ${rows.from}), '[]'::json))`;

/** The query shapes: GraphQL text and variables, and the hand-written statement answering with the same JSON. */
function shapes({ box, point, chainId, canEditPipeline }) {
  return [
    {
      name: 'light: 15 parks × 5 parcels, no geometry',
      query: '{ parks(first: 15) { nodes { id name level areaMu parcels(first: 5) { nodes { id code landUse supplyStatus areaMu } } } } }',
      sql: `SELECT json_build_object('data', json_build_object('parks', ${nodesOf({
        obj: `json_build_object('id', p.id::text, 'name', p.name, 'level', upper(p.level::text), 'areaMu', p.area_m2 / ${MU},
          'parcels', ${nodesOf({ obj: `json_build_object('id', c.id::text, 'code', c.code, 'landUse', upper(c.land_use::text), 'supplyStatus', upper(c.supply_status::text), 'areaMu', c.area_m2 / ${MU})`, from: '(SELECT * FROM parcel c WHERE c.park_id = p.id ORDER BY c.id LIMIT 5) c' }, 'c.id')})`,
        from: '(SELECT id, name, level, area_m2 FROM park ORDER BY id LIMIT 15) p',
      }, 'p.id')}))::text AS body`,
    },
    {
      name: 'heavy: 15 parks with boundary × 20 parcels with geometry',
      query: '{ parks(first: 15) { nodes { id name boundary parcels(first: 20) { nodes { id code geom areaMu } } } } }',
      sql: `SELECT json_build_object('data', json_build_object('parks', ${nodesOf({
        obj: `json_build_object('id', p.id::text, 'name', p.name, 'boundary', ST_AsGeoJSON(p.boundary)::json,
          'parcels', ${nodesOf({ obj: `json_build_object('id', c.id::text, 'code', c.code, 'geom', ST_AsGeoJSON(c.geom)::json, 'areaMu', c.area_m2 / ${MU})`, from: '(SELECT * FROM parcel c WHERE c.park_id = p.id ORDER BY c.id LIMIT 20) c' }, 'c.id')})`,
        from: '(SELECT * FROM park ORDER BY id LIMIT 15) p',
      }, 'p.id')}))::text AS body`,
    },
    {
      name: 'projects × 8 relations (500 rows)',
      query: `{ projects(first: 500) { nodes { id code name stage investor { id name } introducingUnit { id name } park { id name } chainNode { id name }
        region { id name } parcels { id code } stageHistory { stage enteredOn } fundArrivals { arrivedOn amount } } } }`,
      sql: `SELECT json_build_object('data', json_build_object('projects', ${nodesOf({
        obj: `json_build_object('id', p.id::text, 'code', p.code, 'name', p.name, 'stage', upper(p.stage::text),
          'investor', (SELECT json_build_object('id', e.id::text, 'name', e.name) FROM enterprise e WHERE e.id = p.investor_id),
          'introducingUnit', (SELECT json_build_object('id', u.id::text, 'name', u.name) FROM assessment_unit u WHERE u.id = p.introducing_unit_id),
          'park', (SELECT json_build_object('id', k.id::text, 'name', k.name) FROM park k WHERE k.id = p.park_id),
          'chainNode', (SELECT json_build_object('id', n.id::text, 'name', n.name) FROM chain_node n WHERE n.id = p.chain_node_id),
          'region', (SELECT json_build_object('id', r.id::text, 'name', r.name) FROM region r WHERE r.id = p.region_id),
          'parcels', coalesce((SELECT json_agg(json_build_object('id', c.id::text, 'code', c.code) ORDER BY c.id) FROM parcel c WHERE c.project_id = p.id), '[]'::json),
          'stageHistory', coalesce((SELECT json_agg(json_build_object('stage', upper(s.stage::text), 'enteredOn', s.entered_on::text) ORDER BY s.entered_on, s.id) FROM project_stage_event s WHERE s.project_id = p.id), '[]'::json),
          'fundArrivals', coalesce((SELECT json_agg(json_build_object('arrivedOn', f.arrived_on::text, 'amount', f.amount::float8) ORDER BY f.arrived_on, f.id) FROM fund_arrival f WHERE f.project_id = p.id), '[]'::json))`,
        from: '(SELECT * FROM project ORDER BY id LIMIT 500) p',
      }, 'p.id')}))::text AS body`,
    },
    {
      name: 'enterprises within 5 km with chain nodes',
      query: `{ enterprises(first: 500, filter: { near: { lon: ${point.lon}, lat: ${point.lat}, meters: 5000 } }) { nodes { id name isLocal location chainNodes { output node { id name } } } } }`,
      sql: `SELECT json_build_object('data', json_build_object('enterprises', ${nodesOf({
        obj: `json_build_object('id', e.id::text, 'name', e.name, 'isLocal', e.is_local, 'location', ST_AsGeoJSON(e.location)::json,
          'chainNodes', coalesce((SELECT json_agg(json_build_object('output', x.output::float8, 'node', json_build_object('id', n.id::text, 'name', n.name)) ORDER BY n.chain_id, n.segment, n.sort_order, n.id)
                                  FROM enterprise_chain_node x JOIN chain_node n ON n.id = x.chain_node_id WHERE x.enterprise_id = e.id), '[]'::json))`,
        from: `(SELECT * FROM enterprise e WHERE ST_DWithin(e.location::geography, ST_SetSRID(ST_MakePoint(${point.lon}, ${point.lat}), 4326)::geography, 5000) ORDER BY e.id LIMIT 500) e`,
      }, 'e.id')}))::text AS body`,
    },
    {
      name: 'parcels in a bbox with geometry',
      query: `{ parcels(first: 500, filter: { bbox: [${box.x0}, ${box.y0}, ${box.x1}, ${box.y1}] }) { nodes { id code landUse supplyStatus areaMu geom } } }`,
      sql: `SELECT json_build_object('data', json_build_object('parcels', ${nodesOf({
        obj: `json_build_object('id', c.id::text, 'code', c.code, 'landUse', upper(c.land_use::text), 'supplyStatus', upper(c.supply_status::text), 'areaMu', c.area_m2 / ${MU}, 'geom', ST_AsGeoJSON(c.geom)::json)`,
        from: `(SELECT * FROM parcel c WHERE c.geom && ST_MakeEnvelope(${box.x0}, ${box.y0}, ${box.x1}, ${box.y1}, 4326) AND ST_Intersects(c.geom, ST_MakeEnvelope(${box.x0}, ${box.y0}, ${box.x1}, ${box.y1}, 4326)) ORDER BY c.id LIMIT 500) c`,
      }, 'c.id')}))::text AS body`,
    },
    {
      name: 'chain page (web ChainPageQuery)',
      query: null, // set by the caller: the web app's operation text
      variables: { id: String(chainId) },
      sql: `WITH s AS (SELECT n.id, count(e.id)::int AS local_count, coalesce(sum(x.output) FILTER (WHERE e.id IS NOT NULL), 0)::float8 AS local_output
                     FROM chain_node n LEFT JOIN enterprise_chain_node x ON x.chain_node_id = n.id LEFT JOIN enterprise e ON e.id = x.enterprise_id AND e.is_local
                     WHERE n.chain_id = ${chainId} GROUP BY n.id),
            present AS (SELECT EXISTS (SELECT 1 FROM chain_node n JOIN s ON s.id = n.id WHERE n.in_local_plan AND s.local_count > 0) AS yes),
            ns AS (SELECT n.*, s.local_count, s.local_output,
                     CASE WHEN NOT n.in_local_plan THEN 'EXTEND' WHEN s.local_count = 0 THEN 'MISSING'
                          WHEN (n.benchmark_count IS NULL OR s.local_count >= n.benchmark_count) AND (n.benchmark_output IS NULL OR s.local_output >= n.benchmark_output) THEN 'STRONG'
                          ELSE 'WEAK' END AS status
                   FROM chain_node n JOIN s ON s.id = n.id)
        SELECT json_build_object('data', json_build_object('chain', json_build_object(
          'id', c.id::text, 'name', c.name, 'leadDepartment', c.lead_department, 'canEditPipeline', ${canEditPipeline},
          'signedProjectCount', (SELECT count(*)::int FROM project p JOIN chain_node n ON n.id = p.chain_node_id WHERE n.chain_id = c.id AND p.stage = 'signed'),
          'startedProjectCount', (SELECT count(*)::int FROM project p JOIN chain_node n ON n.id = p.chain_node_id WHERE n.chain_id = c.id AND p.stage IN ('started', 'completed', 'in_production', 'at_capacity')),
          'leader', (SELECT json_build_object('id', o.id::text, 'name', o.name, 'title', o.title) FROM official o WHERE o.id = c.leader_official_id),
          'nodes', coalesce((SELECT json_agg(json_build_object('id', n.id::text, 'name', n.name, 'segment', upper(n.segment::text),
              'benchmarkCount', n.benchmark_count, 'benchmarkOutput', n.benchmark_output::float8,
              'localEnterpriseCount', n.local_count, 'localOutput', n.local_output, 'status', n.status,
              'gapAction', CASE n.status WHEN 'EXTEND' THEN 'EXTEND' WHEN 'MISSING' THEN CASE WHEN present.yes THEN 'FILL' ELSE 'BUILD' END WHEN 'WEAK' THEN 'STRENGTHEN' ELSE 'NONE' END,
              'parentId', n.parent_id::text)
            ORDER BY n.segment, n.sort_order, n.id) FROM ns n, present), '[]'::json),
          'targetCounts', coalesce((SELECT json_agg(json_build_object('status', upper(x.status::text), 'count', x.n) ORDER BY x.status)
              FROM (SELECT t.status, count(*)::int AS n FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE n.chain_id = c.id GROUP BY t.status) x), '[]'::json))))::text AS body
        FROM chain c WHERE c.id = ${chainId}`,
    },
  ];
}

/** A bare HTTP server answering each shape with its one statement: the baseline. */
function baselineServer(pool, byPath) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      try {
        const { rows } = await pool.query(byPath.get(req.url));
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(rows[0].body);
      } catch (e) { res.writeHead(500); res.end(String(e)); }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The load generator runs in a worker thread: CLIENTS keep-alive clients, each sending the next request when the last is answered. */
const LOADER = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function once(t) {
  return new Promise((resolve, reject) => {
    const req = http.request(t.url, { method: 'POST', agent, headers: t.headers }, (res) => {
      const chunks = []; res.on('data', (c) => chunks.push(c));
      res.on('end', () => res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(res.statusCode + ' ' + Buffer.concat(chunks).toString().slice(0, 300))));
    });
    req.on('error', reject); req.end(t.body);
  });
}
parentPort.on('message', async (m) => {
  try {
    if (m.kind === 'one') { parentPort.postMessage({ body: (await once(m.target)).toString() }); return; }
    let done = 0; const until = Date.now() + m.ms; const t0 = process.hrtime.bigint();
    await Promise.all(Array.from({ length: m.clients }, async () => { while (Date.now() < until) { await once(m.target); done++; } }));
    parentPort.postMessage({ rps: done / (Number(process.hrtime.bigint() - t0) / 1e9) });
  } catch (e) { parentPort.postMessage({ error: String(e) }); }
});`;

function loader() {
  const w = new Worker(LOADER, { eval: true });
  const ask = (m) => new Promise((resolve, reject) => {
    w.once('message', (r) => (r.error ? reject(new Error(r.error)) : resolve(r)));
    w.postMessage(m);
  });
  return { ask, stop: () => w.terminate() };
}

const medianOf = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Finds the first place two JSON values differ (for a readable failure). */
function firstDifference(a, b, path = '$') {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: GraphQL ${JSON.stringify(a)?.slice(0, 200)} vs SQL ${JSON.stringify(b)?.slice(0, 200)}`;
}

/**
 * Serves the Atlas on an ephemeral port next to the baseline server (same database, same pool size), checks the JSON
 * of every shape, then measures req/s in alternating rounds and prints medians and the ratio Atlas ÷ SQL (goal ≥ 0.9).
 */
async function benchGraphqlHttp({ atlas, url, token, chainPageQuery, chainId, poolSize }) {
  const pool = new Pool({ connectionString: url, max: poolSize });
  const q = async (text) => (await pool.query(text)).rows;
  const [box] = await q(`SELECT ST_XMin(e) x0, ST_YMin(e) y0, ST_XMax(e) x1, ST_YMax(e) y1 FROM (SELECT ST_Extent(geom)::geometry e FROM parcel WHERE park_id = (SELECT park_id FROM parcel GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)) s`);
  const [point] = await q(`SELECT ST_X(location) lon, ST_Y(location) lat FROM enterprise WHERE is_local ORDER BY id LIMIT 1`);
  const list = shapes({ box, point, chainId, canEditPipeline: true });
  list.at(-1).query = chainPageQuery;
  const byPath = new Map(list.map((s, i) => [`/sql/${i}`, s.sql]));
  const base = await baselineServer(pool, byPath);
  const baseUrl = `http://127.0.0.1:${base.address().port}`;
  const apiUrl = await atlas.listen(0, '127.0.0.1');
  const load = loader();
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  console.log(`\nGraphQL over HTTP vs one hand-written SQL statement returning the same JSON (${CLIENTS} clients on loopback, ${ROUNDS} alternating rounds of ${ROUND_MS} ms, median req/s; goal ≥ 0.90×)`);
  try {
    for (const [i, s] of list.entries()) {
      const gql = { url: `${apiUrl}/graphql`, headers, body: JSON.stringify({ query: s.query, variables: s.variables ?? {} }) };
      const sql = { url: `${baseUrl}/sql/${i}`, headers: { 'content-type': 'application/json' }, body: gql.body };
      const [a, b] = [JSON.parse((await load.ask({ kind: 'one', target: gql })).body), JSON.parse((await load.ask({ kind: 'one', target: sql })).body)];
      if (a.errors) throw new Error(`${s.name}: ${JSON.stringify(a.errors).slice(0, 500)}`);
      const diff = firstDifference(a, b);
      if (diff) throw new Error(`${s.name}: the GraphQL answer and the SQL baseline differ at ${diff}`);
      const bytes = Buffer.byteLength(JSON.stringify(a));
      const rates = { sql: [], gql: [] };
      for (let r = 0; r < ROUNDS; r++) {
        const order = r % 2 === 0 ? ['sql', 'gql'] : ['gql', 'sql'];
        for (const side of order) rates[side].push((await load.ask({ kind: 'run', target: side === 'sql' ? sql : gql, clients: CLIENTS, ms: ROUND_MS })).rps);
      }
      const [ms, mg] = [medianOf(rates.sql), medianOf(rates.gql)];
      console.log(`${s.name.padEnd(58)} SQL ${ms.toFixed(0).padStart(5)} req/s   Atlas ${mg.toFixed(0).padStart(5)} req/s   ${(mg / ms).toFixed(2)}× (${(bytes / 1024).toFixed(0)} KiB, JSON identical)`);
    }
  } finally {
    await load.stop();
    await new Promise((r) => base.close(r));
    atlas.httpServer.close();
    await pool.end();
  }
}

module.exports = { benchGraphqlHttp, shapes };
