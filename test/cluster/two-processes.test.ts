import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/src/config';
import { decodeLayer, tileAt } from '../support/mvt';
import { connect, subscribe } from '../support/ws';

// Past one machine: two API processes (the built server, as deployed) on one database. A write through one must
// invalidate the other's tiles and reach the other's subscribers, because both go through PostgreSQL.
interface Node { url: string; child: ChildProcess }

function startNode(): Promise<Node> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'server', 'dist', 'main.js')], {
    env: {
      ...process.env, DATABASE_URL: process.env.ATLAS_TEST_DATABASE_URL, ATLAS_SEED: 'never', PORT: '0', HOST: '127.0.0.1',
      ATLAS_TOKEN_SECRET: 'two-processes-shared-secret', ATLAS_WEB_DIST: join(REPO_ROOT, 'no-web-here'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /GraphQL: (http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(out);
      if (m) { clearTimeout(timer); resolve({ url: m[1], child }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${out}`)); });
  });
}

async function gql(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

let a: Node;
let b: Node;
let ws: Client | null = null;
beforeAll(async () => { [a, b] = await Promise.all([startNode(), startNode()]); }, 120_000);
afterAll(async () => {
  await ws?.dispose();
  for (const n of [a, b]) {
    if (!n) continue;
    const exited = new Promise((r) => n.child.once('exit', r));
    n.child.kill('SIGTERM');
    await exited;
  }
});

describe('two API processes on one database', () => {
  it('a parcel edit through one process invalidates the other\'s tiles and reaches the other\'s subscribers', async () => {
    expect(a.url).not.toBe(b.url);
    const signIn = await gql(a.url, `mutation { signIn(username: "planner", password: "atlas2026") { token } }`, {});
    const token = signIn.data.signIn.token as string;
    const auth = { authorization: `Bearer ${token}` };

    // Pick a parcel and its zoom-13 tile, as served by B.
    const list = await gql(b.url, `{ parks(first: 1) { nodes { id parcels(first: 1) { nodes { id supplyStatus geom } } } } }`, {}, token);
    const park = list.data.parks.nodes[0];
    const parcel = { ...park.parcels.nodes[0], park: { id: park.id } };
    const ring = parcel.geom.coordinates[0][0] as number[][];
    const [z, x, y] = tileAt(ring[0][0], ring[0][1], 13);
    const tileUrl = `${b.url}/tiles/parcels/${z}/${x}/${y}.mvt`;
    const before = await fetch(tileUrl, { headers: auth });
    const etag = before.headers.get('etag')!;
    expect((await fetch(tileUrl, { headers: { ...auth, 'if-none-match': etag } })).status).toBe(304);

    ws = await connect(b.url, auth);
    const sub = await subscribe(ws, `subscription($park: ID) { parcelChanged(parkId: $park) { parcelId supplyStatus } }`, { park: parcel.park.id });

    const next = parcel.supplyStatus === 'BUILT' ? 'IDLE' : 'BUILT';
    const r = await gql(a.url, `mutation($id: ID!, $s: SupplyStatus!) { updateParcel(id: $id, input: { supplyStatus: $s }) { supplyStatus } }`, { id: parcel.id, s: next }, token);
    expect(r.errors).toBeUndefined();

    expect((await sub.next((e) => e.parcelChanged.parcelId === parcel.id)).parcelChanged.supplyStatus).toBe(next);
    const after = await fetch(tileUrl, { headers: { ...auth, 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const f = decodeLayer(new Uint8Array(await after.arrayBuffer()), 'parcels')!.features.find((x) => String(x.id) === parcel.id)!;
    expect(f.properties.supplyStatus).toBe(next.toLowerCase());
    await sub.close();
  }, 60_000);

  it('a stage move through B reaches a subscriber on A', async () => {
    const token = (await gql(b.url, `mutation { signIn(username: "bureau", password: "atlas2026") { token } }`, {})).data.signIn.token as string;
    const client = await connect(a.url, { authorization: `Bearer ${token}` });
    try {
      const sub = await subscribe(client, `subscription { projectStageMoved { projectId stage } }`);
      const [unit] = (await gql(b.url, `{ assessmentUnits(first: 1) { nodes { id } } }`, {}, token)).data.assessmentUnits.nodes;
      const created = await gql(b.url, `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
        { i: { name: '跨进程订阅项目', introducingUnitId: unit.id, categoryCode: 'manufacturing', leadOn: '2026-02-01' } }, token);
      const id = created.data.createProject.id;
      expect((await sub.next((e) => e.projectStageMoved.projectId === id)).projectStageMoved.stage).toBe('LEAD');
      await sub.close();
    } finally {
      await client.dispose();
    }
  }, 60_000);
});
