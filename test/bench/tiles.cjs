// pnpm bench, section 3: vector tiles. An uncached tile over HTTP (credential check, version, ETag, encoding) against the
// bare ST_AsMVT statement for the same tile on a plain pg connection, alternating, over many distinct tiles in one run.
const http = require('node:http');
const net = require('node:net');
const { Client } = require('pg');
const { TILE_LAYERS } = require('../../server/dist/http/tiles.layers');
const { clustered, mayDrawAreaCells, tileFeaturesMvtSql } = require('../../server/dist/http/tiles.router');
const { AREA_CELL_COUNT, AREA_CELL_LIMIT, AREA_TILE_MVT, TILE_BOUNDS_ONCE } = require('../../server/dist/http/tiles.sql');
const { DEMO_API_KEY } = require('../../db/dist');

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;

/**
 * Distinct tiles at zoom 8–16 around 400 features spread over the whole city (taken in md5 order of their ids, the same
 * every run), so each HTTP request is the server's first for its tile.
 */
async function tileSet(pg, layer) {
  const { rows } = await pg.query(`SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(t.${layer.geometry}) AS p FROM ${layer.table} t
    WHERE t.${layer.geometry} IS NOT NULL ORDER BY md5(t.id::text) LIMIT 400) s`);
  const seen = new Set();
  const tiles = [];
  rows.forEach((r, i) => {
    const z = 8 + (i % 9);
    const n = 2 ** z;
    const rad = (r.lat * Math.PI) / 180;
    const x = Math.floor(((r.lon + 180) / 360) * n);
    const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
    const key = `${z}/${x}/${y}`;
    if (!seen.has(key)) { seen.add(key); tiles.push([z, x, y]); }
  });
  return tiles;
}

const median = (xs) => pct(xs, 50);

/**
 * The bare statement for tile z/x/y as one writes it for a one-off query, which is not quite the server's prepared one:
 * - the tile bounds inlined, so the planner folds them into constants (the server keeps them MATERIALIZED, computed
 *   once, because its generic plan cannot fold them; as a one-off that form is slower, e.g. a zoom-12 park tile
 *   1.6 → 2.5 ms);
 * - for a dense polygon layer, the kept cells counted first, then the cells or the features statement (the server
 *   chooses inside one statement, AREA_OR_FEATURES_MVT; as a one-off that plans both branches and measured equal or
 *   slower, e.g. a busy zoom-9 parcel tile 17.4 vs 18.2 ms).
 */
async function bareTileSql(pg, layer, z, x, y) {
  if (mayDrawAreaCells(layer, z, {})) {
    const { rows: [{ n }] } = await pg.query(AREA_CELL_COUNT, [z, x, y, layer.id]);
    if (n > AREA_CELL_LIMIT) return AREA_TILE_MVT(layer.areaCells.props);
  }
  const sql = tileFeaturesMvtSql(layer, z, {});
  if (clustered(layer, z)) return sql;
  // A silent miss here would time the server's own form as the baseline: refuse instead.
  if (!sql.includes(TILE_BOUNDS_ONCE)) throw new Error(`bench: the ${layer.id} tile statement no longer begins with TILE_BOUNDS_ONCE`);
  return sql.replace(TILE_BOUNDS_ONCE, 'WITH bounds AS (');
}

/**
 * The HTTP client: node:http with one keep-alive connection, so the client's own cost per request stays small and
 * the figure is the server's (fetch/undici adds about 0.4 ms a request on this machine, counted on the HTTP side).
 * `--tile-client fetch` measures with fetch instead, as earlier runs did.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const useFetch = process.argv.includes('--tile-client') && process.argv[process.argv.indexOf('--tile-client') + 1] === 'fetch';
function get(url, headers = {}) {
  if (useFetch) {
    return fetch(url, { headers }).then(async (res) => ({ status: res.status, body: Buffer.from(await res.arrayBuffer()), header: (n) => res.headers.get(n) }));
  }
  return new Promise((resolve, reject) => {
    http.get(url, { agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks), header: (n) => res.headers[n] ?? null }));
      res.on('error', reject);
    }).on('error', reject);
  });
}
/**
 * A second HTTP client, the least a client can do: one keep-alive socket, the request written as text, the answer read
 * up to its Content-Length. node:http's own parsing and events cost about 0.1–0.15 ms a request on this machine, which
 * is the client's time rather than the server's; both figures are printed.
 */
function minimalClient(origin) {
  let sock = null;
  let pending = null;
  let buf = Buffer.alloc(0);
  const onData = (d) => {
    buf = buf.length ? Buffer.concat([buf, d]) : d;
    const end = buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = buf.subarray(0, end).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (buf.length < end + 4 + length) return;
    const body = buf.subarray(end + 4, end + 4 + length);
    buf = buf.subarray(end + 4 + length);
    const headers = new Map(head.split('\r\n').slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const done = pending;
    pending = null;
    done.resolve({ status: Number(head.slice(9, 12)), body, header: (n) => headers.get(n) ?? null });
  };
  const connect = () => {
    const s = net.connect(Number(origin.port), origin.hostname);
    s.setNoDelay(true);
    s.on('data', onData);
    // The server closes idle keep-alive sockets: the next request opens a new one.
    s.on('close', () => { if (sock === s) sock = null; pending?.reject(new Error('connection closed')); pending = null; });
    s.on('error', () => undefined);
    return s;
  };
  const get = (path, headers = {}) => new Promise((resolve, reject) => {
    sock ??= connect();
    buf = Buffer.alloc(0);
    pending = { resolve, reject };
    sock.write(`GET ${path} HTTP/1.1\r\nHost: ${origin.host}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);
  });
  return { get, close: () => sock?.destroy() };
}
const argValue = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };

/**
 * Each tile is fetched ROUNDS times with each HTTP client, each fetch paired with a run of the bare statement, alternating
 * which goes first; the server renders every one of those requests (no If-None-Match: a first request always runs its
 * statement), and each tile counts with its median per method, so one noisy moment on a shared machine does not decide
 * the ratio.
 */
async function benchTiles({ atlas, url }) {
  const ROUNDS = argValue('--tile-rounds', 3);
  const WARMUP = argValue('--tile-warmup', 2);
  console.log(`\n4. Vector tiles: an uncached tile over HTTP vs the bare ST_AsMVT statement for it (goal ≤ 1.1×; same tiles, alternating, median of ${ROUNDS} per tile after ${WARMUP} unmeasured passes)`);
  const base = await atlas.listen(0, '127.0.0.1');
  const pg = new Client({ connectionString: url });
  await pg.connect();
  // Kept park figures (migration 0103) current before measuring, as a server refreshes them after a write.
  await pg.query('SELECT park_capacity_refresh()');
  // The floor of any HTTP answer here: loopback, Express, fetch; no database.
  const floor = [];
  for (let i = 0; i < 200; i++) { const t = process.hrtime.bigint(); await get(`${base}/api/health`); floor.push(ms(t)); }
  const minimal = minimalClient(new URL(base));
  const floorMin = [];
  for (let i = 0; i < 200; i++) { const t = process.hrtime.bigint(); await minimal.get('/api/health'); floorMin.push(ms(t)); }
  console.log(`HTTP floor (GET /api/health, no database): p50 ${median(floor.slice(50)).toFixed(2)} ms (${useFetch ? 'fetch' : 'node:http keep-alive'}), ${median(floorMin.slice(50)).toFixed(2)} ms (minimal client)`);
  // `--tile-layers parcels,enterprises` narrows the run (the scale-1000 city makes some layers very slow at low zoom).
  const layersArg = process.argv.indexOf('--tile-layers');
  const ids = layersArg > 0 ? process.argv[layersArg + 1].split(',') : ['parcels', 'enterprises', 'projects', 'parks'];
  for (const id of ids) {
    const layer = TILE_LAYERS.find((l) => l.id === id);
    const tiles = await tileSet(pg, layer);
    const bare = [];
    const http = [];
    const httpMin = [];
    const bareMin = [];
    const byZoom = new Map();
    const split = { db: [], server: [] };
    const failed = [];
    // Warm-up, not measured (`--tile-warmup N` passes, default 2; 0 for a cold run): every tile as in a measured round, so
    // the server's prepared statements are past PostgreSQL's first five (custom-planned) runs, as on a server that has been
    // up a while, and both sides read warm buffers.
    for (let pass = 0; pass < WARMUP; pass++) {
      for (const [z, x, y] of tiles) {
        const bareOnce = async () => pg.query(await bareTileSql(pg, layer, z, x, y), [z, x, y, layer.id]);
        await get(`${base}/tiles/${layer.id}/${z}/${x}/${y}.mvt`, { 'x-api-key': DEMO_API_KEY });
        await bareOnce();
        await minimal.get(`/tiles/${layer.id}/${z}/${x}/${y}.mvt`, { 'x-api-key': DEMO_API_KEY });
        await bareOnce();
      }
    }
    for (const [i, [z, x, y]] of tiles.entries()) {
      // The statements the server runs (clusters of kept cells for point layers below zoom 16; for parcels cells or
      // parcels) in their one-off form (bareTileSql), without the caller check and version.
      const b = [];
      const h = [];
      const m = [];
      const st = { db: [], server: [] };
      const bm = [];
      const viaSql = async (into) => {
        const t = process.hrtime.bigint();
        await pg.query(await bareTileSql(pg, layer, z, x, y), [z, x, y, layer.id]);
        into.push(ms(t));
      };
      const viaHttp = async () => {
        const t = process.hrtime.bigint();
        const res = await get(`${base}/tiles/${layer.id}/${z}/${x}/${y}.mvt`, { 'x-api-key': DEMO_API_KEY });
        // A tile the server could not answer (e.g. the statement timeout) counts with its time and is listed.
        if (res.status !== 200) failed.push(`${z}/${x}/${y} → ${res.status}`);
        h.push(ms(t));
        const dur = (name) => Number(new RegExp(`${name};dur=([\\d.]+)`).exec(res.header('server-timing') ?? '')?.[1] ?? NaN);
        st.db.push(dur('db'));
        st.server.push(dur('total'));
      };
      const viaMinimal = async () => {
        const t = process.hrtime.bigint();
        const res = await minimal.get(`/tiles/${layer.id}/${z}/${x}/${y}.mvt`, { 'x-api-key': DEMO_API_KEY });
        if (res.status !== 200) failed.push(`${z}/${x}/${y} → ${res.status} (minimal client)`);
        m.push(ms(t));
      };
      // Each HTTP client in its own pair with the bare statement, alternating which goes first: both database sessions then
      // run the tile equally often (a session that has just run a tile runs it again a little faster).
      for (let r = 0; r < ROUNDS; r++) {
        const first = (i + r) % 2 === 0;
        if (first) { await viaHttp(); await viaSql(b); } else { await viaSql(b); await viaHttp(); }
        if (first) { await viaSql(bm); await viaMinimal(); } else { await viaMinimal(); await viaSql(bm); }
      }
      split.db.push(median(st.db));
      split.server.push(median(st.server));
      // Slow tiles are reported as they happen, so a run stopped early still shows what it saw.
      if (median(h) > 5000 || median(b) > 5000) console.log(`  slow ${id} tile ${z}/${x}/${y}: HTTP ${median(h).toFixed(0)} ms, bare ${median(b).toFixed(0)} ms`);
      bare.push(median(b));
      http.push(median(h));
      httpMin.push(median(m));
      bareMin.push(median(bm));
      if (!byZoom.has(z)) byZoom.set(z, []);
      byZoom.get(z).push(median(h));
    }
    const [b50, h50, b95, h95] = [pct(bare, 50), pct(http, 50), pct(bare, 95), pct(http, 95)];
    const sum = (xs) => xs.reduce((a, v) => a + v, 0);
    console.log(`${`${id}: ${tiles.length} tiles, z8–16`.padEnd(32)} bare p50 ${b50.toFixed(1).padStart(6)} ms p95 ${b95.toFixed(1).padStart(6)} ms   HTTP p50 ${h50.toFixed(1).padStart(6)} ms p95 ${h95.toFixed(1).padStart(6)} ms   HTTP/bare ${(sum(http) / sum(bare)).toFixed(2)}× (total time), ${(h50 / b50).toFixed(2)}× (p50)`);
    console.log(`${''.padEnd(32)} with the minimal HTTP client: HTTP p50 ${pct(httpMin, 50).toFixed(1)} ms p95 ${pct(httpMin, 95).toFixed(1)} ms   HTTP/bare ${(sum(httpMin) / sum(bareMin)).toFixed(2)}× (total time), ${(pct(httpMin, 50) / pct(bareMin, 50)).toFixed(2)}× (p50)`);
    const sumDb = sum(split.db);
    const sumServer = sum(split.server);
    console.log(`${''.padEnd(32)} where the HTTP time goes (sums over the tiles): statement ${(100 * sumDb / sum(http)).toFixed(0)}%, rest of the server ${(100 * (sumServer - sumDb) / sum(http)).toFixed(0)}%, HTTP transport and client ${(100 * (sum(http) - sumServer) / sum(http)).toFixed(0)}%; statement in the server / bare ${(sumDb / sum(bare)).toFixed(2)}×`);
    if (failed.length) console.log(`${''.padEnd(32)} NOT SERVED: ${failed.length} HTTP answers: ${failed.slice(0, 5).join(', ')}`);
    console.log(`${''.padEnd(32)} HTTP p95 by zoom: ${[...byZoom.entries()].sort((a, c) => a[0] - c[0]).map(([z, v]) => `z${z} ${pct(v, 95).toFixed(0)}`).join(', ')} ms`);
  }
  await pg.end();
  agent.destroy();
  minimal.close();
}

module.exports = { benchTiles };
