#!/usr/bin/env node
// `pnpm loadtest [--seconds N] [--clients N] [--url URL]`: a mixed read/write GraphQL workload on loopback.
// Without --url it starts the built server itself on a scratch database (ATLAS_LOAD_DB, default atlas_load) of the
// PostgreSQL at DATABASE_URL, seeded with the demo city; without DATABASE_URL, on a temporary embedded database.
// Prints throughput, latency percentiles, errors by status and code, and the server's memory at start and end.
// Bounded: it stops after --seconds (default 600) and at most --max-requests (default 2,000,000); loopback only.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const SECONDS = Number(arg('seconds', 600));
const CLIENTS = Number(arg('clients', 8));
const MAX_REQUESTS = Number(arg('max-requests', 2_000_000));
const GIVEN_URL = arg('url', null);
const PASSWORD = process.env.ATLAS_LOAD_PASSWORD ?? 'atlas2026';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

if (!(SECONDS > 0 && SECONDS <= 24 * 3600) || !(CLIENTS > 0 && CLIENTS <= 256)) {
  console.error('usage: pnpm loadtest [--seconds 1..86400] [--clients 1..256] [--url http://127.0.0.1:PORT]');
  process.exit(2);
}
if (GIVEN_URL && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(GIVEN_URL)) {
  console.error('--url must be a loopback address (http://127.0.0.1:PORT): this tool never loads another machine');
  process.exit(2);
}

async function startServer() {
  const env = { ...process.env, HOST: '127.0.0.1', PORT: '0', ATLAS_TOKEN_SECRET: 'l'.repeat(48), ATLAS_WEB_DIST: '/nonexistent' };
  let cleanup = () => undefined;
  if (process.env.DATABASE_URL) {
    const db = process.env.ATLAS_LOAD_DB ?? 'atlas_load';
    const admin = new URL(process.env.DATABASE_URL);
    const { Client } = require(require.resolve('pg', { paths: [join(ROOT, 'server')] }));
    const c = new Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${db}`);
    await c.end();
    admin.pathname = `/${db}`;
    env.DATABASE_URL = admin.toString();
    console.log(`seeding the demo city into ${db}…`);
    execFileSync(process.execPath, [join(ROOT, 'server/dist/cli/seed.js')], { env, stdio: 'ignore' });
    env.ATLAS_SEED = 'never';
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-load-'));
    env.ATLAS_DATA_DIR = join(dir, 'pglite');
    env.ATLAS_SEED = 'auto';
    cleanup = () => rmSync(dir, { recursive: true, force: true });
    console.log('starting on a temporary embedded database (seeding takes about a minute)…');
  }
  const child = spawn(process.execPath, [join(ROOT, 'server/dist/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const url = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 300_000);
    child.stdout.on('data', () => { const m = /GraphQL: (http:\/\/[\d.:]+)\/graphql/.exec(out); if (m) { clearTimeout(t); resolve(m[1]); } });
    child.once('exit', (code) => { clearTimeout(t); reject(new Error(`server exited (${code}):\n${out}`)); });
  });
  return { url, stop: async () => { child.kill('SIGTERM'); await sleep(500); cleanup(); } };
}

async function gql(url, query, variables, token) {
  const t = process.hrtime.bigint();
  let status = 0; let code = null;
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST', signal: AbortSignal.timeout(30_000),
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    status = res.status;
    const body = await res.json().catch(() => ({ errors: [{ extensions: { code: 'NOT_JSON' } }] }));
    if (body.errors?.length) code = body.errors[0].extensions?.code ?? 'NO_CODE';
    return { status, code, ms: Number(process.hrtime.bigint() - t) / 1e6, body };
  } catch (e) {
    return { status, code: e.name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : 'NETWORK', ms: Number(process.hrtime.bigint() - t) / 1e6, body: {} };
  }
}

async function memory(url) {
  const res = await fetch(`${url}/api/health`);
  const m = (await res.json()).memory;
  return m ? { rssMb: m.rss / 2 ** 20, heapMb: m.heapUsed / 2 ** 20 } : null;
}

const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function main() {
  const server = GIVEN_URL ? { url: GIVEN_URL.replace(/\/$/, ''), stop: async () => undefined } : await startServer();
  const { url } = server;
  try {
    const token = {};
    for (const u of ['planner', 'bureau']) {
      const r = await gql(url, `mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`, { u, p: PASSWORD });
      if (!r.body.data) throw new Error(`cannot sign in as ${u} (demo data needed): ${JSON.stringify(r.body.errors)}`);
      token[u] = r.body.data.signIn.token;
    }
    const list = await gql(url, `{ projects(filter: { stages: [SIGNED, STARTED, COMPLETED, IN_PRODUCTION] }, first: 50) { nodes { id } } parks(first: 50) { nodes { id intensityFloor } } }`, {}, token.bureau);
    const projectIds = list.body.data.projects.nodes.map((n) => n.id);
    const parks = list.body.data.parks.nodes;
    const today = todayInChina();
    const run = Date.now().toString(36);
    let seq = 0;
    const pick = (a) => a[Math.floor(Math.random() * a.length)];
    // The mix: mostly reads of the map and lists, one request in five a write (audited, in a transaction).
    const ops = [
      [30, 'parks+landStats', () => gql(url, `{ parks(filter: { bbox: [115.4, 34.2, 115.9, 34.6] }, first: 20) { totalCount nodes { id name areaMu landStats { availableMu idleMu vacantFactoryFloorM2 } region { name } } } }`, {}, token.planner)],
      [20, 'projects', () => gql(url, `{ projects(filter: { stages: [SIGNED, STARTED] }, first: 20) { totalCount nodes { code name stage agreedInvestment fundsInPlace(asOf: "${today}") introducingUnit { name } } } }`, {}, token.bureau)],
      [15, 'project', () => gql(url, `query($id: ID!) { project(id: $id) { id name stage stageHistory { stage enteredOn } park { name } } }`, { id: pick(projectIds) }, token.bureau)],
      [15, 'enterprises', () => gql(url, `{ enterprises(first: 20) { totalCount nodes { name uscc } } }`, {}, token.planner)],
      [10, 'recordFundArrival', () => gql(url, `mutation($i: RecordFundArrivalInput!) { recordFundArrival(input: $i) { id } }`,
        { i: { projectId: pick(projectIds), arrivedOn: today, amount: 1, kind: 'FIXED_ASSET', evidenceRef: `LOAD-${run}-${seq++}` } }, token.bureau)],
      [10, 'updatePark', () => { const p = pick(parks); return gql(url, `mutation($id: ID!, $f: Float!) { updatePark(id: $id, input: { intensityFloor: $f }) { id } }`, { id: p.id, f: Number(p.intensityFloor) }, token.planner); }],
    ];
    const total = ops.reduce((s, o) => s + o[0], 0);
    const choose = () => { let r = Math.random() * total; for (const o of ops) { if ((r -= o[0]) < 0) return o; } return ops[0]; };

    // Warm up under the same load (10% of the run, at most 30 s) so caches and JIT settle, then read the starting memory.
    const warmUntil = Date.now() + Math.min(30_000, SECONDS * 100);
    await Promise.all(Array.from({ length: CLIENTS }, async () => { while (Date.now() < warmUntil) await choose()[2](); }));
    const memStart = await memory(url);
    const latencies = []; const errors = {}; const byOp = {};
    let requests = 0; let fiveXX = 0;
    const started = Date.now();
    const deadline = started + SECONDS * 1000;
    let nextReport = started + 10_000;
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < deadline && requests < MAX_REQUESTS) {
        const [, name, fn] = choose();
        const r = await fn();
        requests++;
        latencies.push(r.ms);
        byOp[name] = (byOp[name] ?? 0) + 1;
        if (r.status >= 500 || r.status === 0) fiveXX += r.status >= 500 ? 1 : 0;
        if (r.code || r.status !== 200) { const k = `${r.status} ${r.code ?? ''}`.trim(); errors[k] = (errors[k] ?? 0) + 1; }
        if (Date.now() > nextReport) { nextReport += 10_000; console.log(`  ${Math.round((Date.now() - started) / 1000)} s: ${requests} requests`); }
      }
    }));
    const elapsed = (Date.now() - started) / 1000;
    const memEnd = await memory(url);
    latencies.sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    const result = {
      seconds: Number(elapsed.toFixed(1)), clients: CLIENTS, requests, throughputPerSecond: Number((requests / elapsed).toFixed(1)),
      p50Ms: Number(pct(50).toFixed(1)), p95Ms: Number(pct(95).toFixed(1)), p99Ms: Number(pct(99).toFixed(1)),
      errorsByStatusAndCode: errors, fiveXX, byOperation: byOp,
      memoryStart: memStart && { rssMb: Number(memStart.rssMb.toFixed(1)), heapMb: Number(memStart.heapMb.toFixed(1)) },
      memoryEnd: memEnd && { rssMb: Number(memEnd.rssMb.toFixed(1)), heapMb: Number(memEnd.heapMb.toFixed(1)) },
      rssGrowthPercent: memStart && memEnd ? Number((((memEnd.rssMb - memStart.rssMb) / memStart.rssMb) * 100).toFixed(1)) : null,
    };
    console.log([
      '',
      `load: ${result.requests} requests in ${result.seconds} s from ${CLIENTS} clients = ${result.throughputPerSecond} req/s`,
      `latency: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms`,
      `by operation: ${JSON.stringify(byOp)}`,
      `errors by status and code: ${JSON.stringify(errors)} (5xx: ${fiveXX})`,
      result.memoryStart ? `server memory: RSS ${result.memoryStart.rssMb} → ${result.memoryEnd.rssMb} MB (${result.rssGrowthPercent >= 0 ? '+' : ''}${result.rssGrowthPercent}%), heap ${result.memoryStart.heapMb} → ${result.memoryEnd.heapMb} MB` : 'server memory: not available (the server is not on loopback)',
      `goal: 0 5xx (${fiveXX === 0 ? 'met' : 'MISSED'}), RSS growth < 10% (${result.rssGrowthPercent !== null && result.rssGrowthPercent < 10 ? 'met' : 'MISSED'})`,
    ].join('\n'));
    console.log(`LOADTEST_RESULT ${JSON.stringify(result)}`);
    process.exitCode = fiveXX === 0 ? 0 : 1;
  } finally {
    await server.stop();
  }
}

main().catch((e) => { console.error(`loadtest: ${e.message}`); process.exit(1); });
