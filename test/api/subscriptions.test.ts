import type { Client } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY } from '../../db/src';
import { startHttpApi, type HttpApi } from '../support/http';
import { connect, subscribe } from '../support/ws';

// The change feed through a real WebSocket client (graphql-ws over ws) against the real server and database.
let h: HttpApi;
const clients: Client[] = [];
beforeAll(async () => { h = await startHttpApi(); });
afterAll(async () => {
  for (const c of clients) await c.dispose();
  await h?.close();
});

const as = async (who: 'admin' | 'planner' | 'chainlead' | 'bureau' | 'integrator') => {
  const params: Record<string, string> = who === 'integrator' ? { 'X-API-Key': DEMO_API_KEY } : { authorization: (await h.headers(who)).authorization ?? '' };
  const c = await connect(h.url, params);
  clients.push(c);
  return c;
};
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('change feed (graphql-ws)', () => {
  it('refuses connections without valid credentials', async () => {
    await expect(connect(h.url, {})).rejects.toMatchObject({ code: 4403 });
    await expect(connect(h.url, { 'X-API-Key': 'wrong' })).rejects.toMatchObject({ code: 4403 });
    await expect(connect(h.url, { authorization: 'Bearer nonsense' })).rejects.toMatchObject({ code: 4403 });
  });

  it('delivers project stage moves and fund arrivals after the mutation commits', async () => {
    const sub = await subscribe(await as('integrator'), `subscription { projectStageMoved { projectId stage enteredOn introducingUnitId } }`);
    const funds = await subscribe(await as('planner'), `subscription($p: ID) { fundArrived(projectId: $p) { projectId amount fundKind arrivedOn } }`);
    const [unit] = await h.api.sql(`SELECT id FROM assessment_unit ORDER BY id LIMIT 1`);
    const created = await h.api.gql('bureau', `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { name: '订阅测试项目', introducingUnitId: String(unit.id), categoryCode: 'manufacturing', leadOn: '2026-01-05' } });
    const id = created.data.createProject.id;
    expect((await sub.next((e) => e.projectStageMoved.projectId === id)).projectStageMoved).toEqual({ projectId: id, stage: 'LEAD', enteredOn: '2026-01-05', introducingUnitId: String(unit.id) });
    for (const to of ['NEGOTIATING', 'SIGNED']) {
      const r = await h.api.gql('bureau', `mutation($id: ID!, $to: ProjectStage!, $on: LocalDate!) { moveProjectStage(id: $id, to: $to, on: $on) { id } }`, { id, to, on: today() });
      expect(r.errors).toBeUndefined();
      expect((await sub.next((e) => e.projectStageMoved.projectId === id && e.projectStageMoved.stage === to)).projectStageMoved.enteredOn).toBe(today());
    }
    const f = await h.api.gql('bureau', `mutation($i: RecordFundArrivalInput!) { recordFundArrival(input: $i) { id } }`,
      { i: { projectId: id, arrivedOn: today(), amount: 321.5, kind: 'FIXED_ASSET', evidenceRef: '订阅测试凭证-1' } });
    expect(f.errors).toBeUndefined();
    // fundArrived without a filter variable hears every project; this one is the test's.
    expect((await funds.next((e) => e.fundArrived.projectId === id)).fundArrived).toEqual({ projectId: id, amount: 321.5, fundKind: 'FIXED_ASSET', arrivedOn: today() });
    await sub.close();
    await funds.close();
  });

  it('sends a parcel change only once its transaction commits, and never for a rollback', async () => {
    const [p] = await h.api.sql(`SELECT id, park_id FROM parcel WHERE park_id IS NOT NULL ORDER BY id LIMIT 1`);
    const sub = await subscribe(await as('planner'), `subscription($park: ID) { parcelChanged(parkId: $park) { op parcelId parkId supplyStatus } }`, { park: String(p.park_id) });
    const pg = new PgClient({ connectionString: process.env.ATLAS_TEST_DATABASE_URL });
    await pg.connect();
    try {
      await pg.query('BEGIN');
      await pg.query(`UPDATE parcel SET supply_status = 'reserve' WHERE id = $1`, [p.id]);
      await pg.query('ROLLBACK');
      await pg.query('BEGIN');
      await pg.query(`UPDATE parcel SET supply_status = 'idle' WHERE id = $1`, [p.id]);
      await new Promise((r) => setTimeout(r, 400));
      expect(sub.events).toEqual([]);
      await pg.query('COMMIT');
    } finally {
      await pg.end();
    }
    const e = await sub.next();
    expect(e.parcelChanged).toEqual({ op: 'UPDATE', parcelId: String(p.id), parkId: String(p.park_id), supplyStatus: 'IDLE' });
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.events.map((x) => x.parcelChanged.supplyStatus)).toEqual(['IDLE']);
    await sub.close();
  });

  it('park changes from the updatePark mutation', async () => {
    const sub = await subscribe(await as('integrator'), `subscription { parkChanged(parkId: "2") { op parkId } }`);
    const r = await h.api.gql('planner', `mutation { updatePark(id: "2", input: { intensityFloor: 199 }) { id } }`);
    expect(r.errors).toBeUndefined();
    expect((await sub.next()).parkChanged).toEqual({ op: 'UPDATE', parkId: '2' });
    await sub.close();
  });

  it('scopes target changes to a chain leader\'s chains', async () => {
    const [mine] = await h.api.sql(`SELECT t.id, n.chain_id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id
      WHERE n.chain_id IN (SELECT uc.chain_id FROM user_chain uc JOIN app_user u ON u.id = uc.user_id WHERE u.username = 'chainlead') ORDER BY t.id LIMIT 1`);
    const [other] = await h.api.sql(`SELECT t.id, n.chain_id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id
      WHERE n.chain_id NOT IN (SELECT uc.chain_id FROM user_chain uc JOIN app_user u ON u.id = uc.user_id WHERE u.username = 'chainlead') ORDER BY t.id LIMIT 1`);
    const q = `subscription { targetChanged { op targetId chainId status } }`;
    const leader = await subscribe(await as('chainlead'), q);
    const admin = await subscribe(await as('admin'), q);
    await h.api.sql(`UPDATE target_enterprise SET next_action = '电话回访' WHERE id = $1`, [other.id]);
    await h.api.sql(`INSERT INTO target_activity (target_id, kind, occurred_on, note) VALUES ($1, 'call', '2026-11-01', '订阅测试')`, [mine.id]);
    expect((await admin.next((e) => e.targetChanged.targetId === String(other.id))).targetChanged.op).toBe('UPDATE');
    expect((await leader.next((e) => e.targetChanged.targetId === String(mine.id))).targetChanged).toMatchObject({ op: 'ACTIVITY', chainId: String(mine.chain_id) });
    expect((await admin.next((e) => e.targetChanged.targetId === String(mine.id))).targetChanged.op).toBe('ACTIVITY');
    await new Promise((r) => setTimeout(r, 300));
    expect(leader.events.map((e) => e.targetChanged.targetId)).not.toContain(String(other.id));
    await leader.close();
    await admin.close();
  });
});
