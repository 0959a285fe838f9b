// pnpm bench, section 3: vector tiles. An uncached tile over HTTP (auth, version lookup, ETag, encoding) against the
// bare ST_AsMVT statement for the same tile on a plain pg connection, alternating, over many distinct tiles in one run.
const { Client } = require('pg');
const { TILE_LAYERS } = require('../../server/dist/http/tiles.layers');
const { TILE_MVT } = require('../../server/dist/http/tiles.sql');
const { DEMO_API_KEY } = require('../../db/dist');

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;

/** Distinct tiles at zoom 8–16 around the data, so each HTTP request is the server's first for its tile. */
async function tileSet(pg, layer) {
  const { rows } = await pg.query(`SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(t.${layer.geometry}) AS p FROM ${layer.table} t
    WHERE t.${layer.geometry} IS NOT NULL ORDER BY t.id LIMIT 400) s`);
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

async function benchTiles({ atlas, url }) {
  console.log('\n3. Vector tiles: an uncached tile over HTTP vs the bare ST_AsMVT statement for it (same tiles, alternating order)');
  const base = await atlas.listen(0, '127.0.0.1');
  const pg = new Client({ connectionString: url });
  await pg.connect();
  for (const id of ['parcels', 'enterprises', 'projects']) {
    const layer = TILE_LAYERS.find((l) => l.id === id);
    const tiles = await tileSet(pg, layer);
    const bare = [];
    const http = [];
    const sql = TILE_MVT(layer.table, layer.geometry, layer.properties);
    for (const [i, [z, x, y]] of tiles.entries()) {
      const viaSql = async () => { const t = process.hrtime.bigint(); await pg.query(sql, [z, x, y, layer.id]); bare.push(ms(t)); };
      const viaHttp = async () => {
        const t = process.hrtime.bigint();
        const res = await fetch(`${base}/tiles/${layer.id}/${z}/${x}/${y}.mvt`, { headers: { 'x-api-key': DEMO_API_KEY } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`tile ${z}/${x}/${y}: ${res.status}`);
        http.push(ms(t));
      };
      if (i % 2) { await viaSql(); await viaHttp(); } else { await viaHttp(); await viaSql(); }
    }
    const [b50, h50, b95, h95] = [pct(bare, 50), pct(http, 50), pct(bare, 95), pct(http, 95)];
    const sum = (xs) => xs.reduce((a, v) => a + v, 0);
    console.log(`${`${id}: ${tiles.length} tiles, z8–16`.padEnd(40)} bare p50 ${b50.toFixed(1).padStart(6)} ms p95 ${b95.toFixed(1).padStart(6)} ms   HTTP p50 ${h50.toFixed(1).padStart(6)} ms p95 ${h95.toFixed(1).padStart(6)} ms   HTTP/bare ${(sum(http) / sum(bare)).toFixed(2)}× (total time)`);
  }
  await pg.end();
}

module.exports = { benchTiles };
