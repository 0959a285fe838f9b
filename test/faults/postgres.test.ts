import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeNeeding } from '../support/capabilities';
import { REPO_ROOT } from '../../server/src/config';
import { TempCluster, post, startServer, type Outcome } from './cluster';

// Issue 5, part 4: PostgreSQL stopped, started and killed under a steady write load through the API.
const PORT = Number(process.env.ATLAS_FAULTS_PG_PORT ?? 5440);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const run = Date.now().toString(36);
const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const RECORD = `mutation($input: RecordFundArrivalInput!) { recordFundArrival(input: $input) { id } }`;

let cluster: TempCluster;
let server: Awaited<ReturnType<typeof startServer>> | undefined;
let dbUrl: string;

beforeAll(async () => {
  cluster = new TempCluster(PORT);
  await cluster.init();
  await cluster.start();
  const c = new Client({ connectionString: cluster.url });
  await c.connect();
  await c.query('CREATE DATABASE atlas');
  await c.end();
  dbUrl = cluster.urlFor('atlas');
  // Demo data on purpose, as an operator would: `pnpm seed`.
  await promisify(execFile)(process.execPath, ['server/dist/cli/seed.js'], { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: dbUrl } });
  server = await startServer({ DATABASE_URL: dbUrl, ATLAS_TOKEN_SECRET: 'f'.repeat(48), ATLAS_SEED: 'never' }, REPO_ROOT);
}, 180_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await cluster?.destroy();
});

async function waitFor(pred: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!pred() && Date.now() < end) await sleep(50);
  return pred();
}

describeNeeding('postgres-cluster')('PostgreSQL faults under a steady write load', () => {
  it('keeps every acknowledged write, fails fast with 503 while the database is away, and reconnects by itself', async () => {
    const url = server!.url;
    const signIn = await post(url, `mutation { signIn(username: "bureau", password: "atlas2026") { token } }`, {});
    const token = signIn.body.data.signIn.token as string;
    const today = todayInChina();
    const c = new Client({ connectionString: dbUrl });
    c.on('error', () => undefined);
    await c.connect();
    const projects: number[] = (await c.query(
      `SELECT p.id FROM project p WHERE p.stage::text IN ('signed', 'started', 'completed', 'in_production')
         AND (SELECT max(e.entered_on) FROM project_stage_event e WHERE e.project_id = p.id) <= $1 ORDER BY p.id LIMIT 4`, [today])).rows.map((r) => r.id);
    await c.end();
    expect(projects.length).toBeGreaterThan(0);

    const outcomes: Outcome[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const ref = `FAULT-${run}-${w}-${i}`;
        const at = Date.now();
        const r = await post(url, RECORD, { input: { projectId: String(projects[(w + i) % projects.length]), arrivedOn: today, amount: 1, kind: 'FIXED_ASSET', evidenceRef: ref } }, token);
        const ok = r.status === 200 && !r.body.errors && Boolean(r.body.data?.recordFundArrival?.id);
        outcomes.push({ ok, status: r.status, code: r.body.errors?.[0]?.extensions?.code, message: r.body.errors?.[0]?.message, ms: r.ms, at, ref });
        if (!ok) await sleep(100);
      }
    };
    const writers = [0, 1, 2].map(writer);
    const okAfter = (t: number) => outcomes.some((o) => o.ok && o.at >= t);
    const probe = async (path: string) => (await fetch(`${url}${path}`, { signal: AbortSignal.timeout(5000) })).status;

    await sleep(3000);
    expect(await probe('/api/ready')).toBe(200);

    // 1. Clean stop (pg_ctl -m fast), 4 s away, start.
    const stoppedAt = Date.now();
    await cluster.stop('fast');
    const downFrom1 = Date.now();
    await sleep(1000);
    const readyWhileDown = await probe('/api/ready');
    const healthWhileDown = await probe('/api/health');
    await sleep(3000);
    const restart1 = Date.now();
    await cluster.start();
    const up1 = Date.now();
    expect(await waitFor(() => okAfter(up1), 15_000)).toBe(true);
    const reconnect1 = outcomes.find((o) => o.ok && o.at >= up1)!.at + outcomes.find((o) => o.ok && o.at >= up1)!.ms - up1;
    await sleep(2000);

    // 2. SIGKILL to the postmaster (no shutdown, crash recovery on start), 3 s away, start.
    const killedAt = Date.now();
    cluster.kill();
    await sleep(3000);
    const restart2 = Date.now();
    await cluster.start();
    const up2 = Date.now();
    expect(await waitFor(() => okAfter(up2), 15_000)).toBe(true);
    const reconnect2 = outcomes.find((o) => o.ok && o.at >= up2)!.at + outcomes.find((o) => o.ok && o.at >= up2)!.ms - up2;
    await sleep(2000);
    stop = true;
    await Promise.all(writers);

    // Every write the API acknowledged is in the database.
    const v = new Client({ connectionString: dbUrl });
    v.on('error', () => undefined);
    await v.connect();
    const stored = new Set((await v.query(`SELECT evidence_ref FROM fund_arrival WHERE evidence_ref LIKE $1`, [`FAULT-${run}-%`])).rows.map((r) => r.evidence_ref));
    await v.end();
    const acked = outcomes.filter((o) => o.ok);
    const lost = acked.filter((o) => !stored.has(o.ref));

    // While the database was away: fast, coded 503s, never a hang.
    const downStop = outcomes.filter((o) => o.at >= downFrom1 && o.at < restart1);
    const downKill = outcomes.filter((o) => o.at >= killedAt + 1000 && o.at < restart2);
    const failures = outcomes.filter((o) => !o.ok);
    const byCode: Record<string, number> = {};
    for (const f of failures) byCode[`${f.status} ${f.code}`] = (byCode[`${f.status} ${f.code}`] ?? 0) + 1;
    const slowestDown = Math.max(...[...downStop, ...downKill].map((o) => o.ms));
    console.log([
      `faults: PostgreSQL stopped (fast) ${restart1 - stoppedAt} ms and killed (SIGKILL) ${restart2 - killedAt} ms under 3 writers`,
      `writes: ${outcomes.length} sent, ${acked.length} acknowledged, ${acked.length - lost.length} of them found afterwards, ${stored.size} stored in all`,
      `failures by status/code: ${JSON.stringify(byCode)}`,
      `while away: ${downStop.length + downKill.length} requests, slowest answer ${slowestDown} ms; /api/ready ${readyWhileDown}, /api/health ${healthWhileDown}`,
      `reconnected without restart: ${reconnect1} ms after the clean start, ${reconnect2} ms after the crash-recovery start`,
    ].join('\n'));

    const unexpected = failures.filter((o) => o.status !== 503);
    if (unexpected.length) console.log('unexpected failures', JSON.stringify(unexpected), server!.output().split('\n').filter((l) => !/connection (lost|closed)/.test(l)).join('\n').slice(-4000));
    expect(lost).toEqual([]);
    expect(acked.length).toBeGreaterThan(10);
    expect(downStop.length).toBeGreaterThan(0);
    expect(downStop.every((o) => !o.ok)).toBe(true);
    for (const o of [...downStop, ...downKill].filter((x) => !x.ok)) {
      expect(o, JSON.stringify(o)).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(o.ms).toBeLessThan(2000);
    }
    // Every answer the server gave to a failed write is the coded 503; a socket the client's keep-alive pool
    // reused just as it closed (status 0) is not an answer, and stays rare.
    expect(failures.filter((o) => o.status !== 0).every((o) => o.status === 503 && o.code === 'DATABASE_UNAVAILABLE')).toBe(true);
    expect(failures.filter((o) => o.status === 0).length).toBeLessThanOrEqual(Math.ceil(outcomes.length / 100));
    expect(readyWhileDown).toBe(503);
    expect(healthWhileDown).toBe(200);
    expect(reconnect1).toBeLessThan(10_000);
    expect(reconnect2).toBeLessThan(10_000);
    expect(server!.child.exitCode).toBeNull();
    expect(await probe('/api/ready')).toBe(200);
  }, 150_000);
});
