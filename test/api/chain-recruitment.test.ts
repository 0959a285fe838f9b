import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createTestApi, type DemoUser, type TestApi } from '../support/api';

let api: TestApi;
let leaderChains: number[];
let ownMissingNode: number;
let otherNode: number;
let outsideEnterprise: number;
let unitId: string;

const CANDIDATES = `query($id: ID!, $first: Int) { chainNode(id: $id) { id status candidates(first: $first) { rank score parts { factor raw weight points } enterprise { id name isLocal } existingTarget { id } } } }`;
const ADD = `mutation($input: AddTargetInput!) { addTarget(input: $input) { id status createdOn nextAction nextActionDue ownerTeam owner { id } chainNode { id } enterprise { id } allowedMoves statusHistory { status enteredOn } canEdit } }`;
const LOG = `mutation($input: LogTargetActivityInput!) { logTargetActivity(input: $input) { id kind occurredOn note participants } }`;
const MOVE = `mutation($input: MoveTargetStatusInput!) { moveTargetStatus(input: $input) { id status allowedMoves statusHistory { status enteredOn reason } } }`;
const CONVERT = `mutation($input: ConvertTargetInput!) { convertTargetToProject(input: $input) { id stage name investor { id } chainNode { id chain { id } } targetEnterprise { id } introducingUnit { id } park { id } location stageHistory { stage enteredOn } } }`;
const SET_WEIGHT = `mutation($f: String!, $w: Float!) { setCandidateWeight(factor: $f, weight: $w) { factor weight } }`;

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const shift = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);

/** Row counts of every table a pipeline write touches, and the audit log: equal before and after a refused write. */
async function snapshot() {
  const [r] = await api.sql(`SELECT (SELECT count(*) FROM target_enterprise)::int AS targets, (SELECT count(*) FROM target_activity)::int AS activities,
    (SELECT count(*) FROM target_status_event)::int AS events, (SELECT count(*) FROM project)::int AS projects,
    (SELECT count(*) FROM project_stage_event)::int AS stage_events, (SELECT count(*) FROM enterprise_chain_node)::int AS mappings,
    (SELECT count(*) FROM node_mapping_rejection)::int AS rejections, (SELECT md5(string_agg(factor || weight, ',' ORDER BY factor)) FROM candidate_weight) AS weights,
    (SELECT md5(string_agg(key || days, ',' ORDER BY key)) FROM pipeline_rule) AS rules,
    (SELECT md5(string_agg(id || status::text || coalesce(next_action, '') || coalesce(next_action_due::text, ''), ',' ORDER BY id)) FROM target_enterprise) AS target_rows,
    (SELECT count(*) FROM audit_log)::int AS audit`);
  return r;
}

/** Runs a write that must be refused with `code` and checks that nothing was written, audit log included. */
async function refused(as: DemoUser, query: string, variables: Record<string, unknown>, code: string) {
  const before = await snapshot();
  const r = await api.gql(as, query, variables);
  expect(codes(r), JSON.stringify(r.errors)).toEqual([code]);
  expect(r.errors![0].message.length).toBeGreaterThan(10);
  expect(await snapshot()).toEqual(before);
}

beforeAll(async () => {
  api = await createTestApi();
  leaderChains = (await api.sql(`SELECT uc.chain_id FROM user_chain uc JOIN app_user u ON u.id = uc.user_id WHERE u.username = 'chainlead' ORDER BY 1`)).map((r) => r.chain_id);
  // A missing (缺) node of the chain leader's first chain: planned, no local enterprise mapped.
  const [m] = await api.sql(`SELECT n.id FROM chain_node n WHERE n.chain_id = $1 AND n.in_local_plan
      AND NOT EXISTS (SELECT 1 FROM enterprise_chain_node x JOIN enterprise e ON e.id = x.enterprise_id AND e.is_local WHERE x.chain_node_id = n.id)
      ORDER BY n.id LIMIT 1`, [leaderChains[0]]);
  ownMissingNode = m.id;
  const [o] = await api.sql(`SELECT id FROM chain_node WHERE NOT chain_id = ANY($1) ORDER BY id LIMIT 1`, [leaderChains]);
  otherNode = o.id;
  const [e] = await api.sql(`SELECT id FROM enterprise WHERE NOT is_local ORDER BY id LIMIT 1`);
  outsideEnterprise = e.id;
  const [u] = await api.sql(`SELECT id FROM assessment_unit ORDER BY id LIMIT 1`);
  unitId = String(u.id);
});
afterAll(() => api.close());

describe('candidates for a gap node', () => {
  it('ranks outside enterprises with score parts (raw × weight) that sum to the score, for every role', async () => {
    for (const as of ['chainlead', 'planner', 'bureau', 'integrator', 'admin', 'liangyuan'] as DemoUser[]) {
      const r = await api.gql(as, CANDIDATES, { id: String(ownMissingNode), first: 30 });
      expect(r.errors, as).toBeUndefined();
      expect(r.data.chainNode.status).toBe('MISSING');
      const list = r.data.chainNode.candidates;
      expect(list.length).toBeGreaterThan(5);
      list.forEach((c: any, i: number) => {
        expect(c.rank).toBe(i + 1);
        expect(c.enterprise.isLocal).toBe(false);
        for (const p of c.parts) expect(p.points).toBeCloseTo(Math.round(p.raw * p.weight * 100) / 100, 6);
        const sum = c.parts.reduce((s: number, p: any) => s + p.points, 0);
        expect(c.score).toBeCloseTo(sum, 6);
        expect(c.parts.map((p: any) => p.factor)).toEqual(expect.arrayContaining(['fit', 'scale']));
        if (i > 0) expect(list[i - 1].score).toBeGreaterThanOrEqual(c.score);
      });
    }
  });

  it('reads the weights as data; bad `first` is PAGE_TOO_LARGE; unauthenticated callers are refused', async () => {
    const w = await api.gql('planner', `{ candidateWeights { factor weight description } }`);
    const rows = await api.sql(`SELECT factor, weight::float8 AS weight FROM candidate_weight ORDER BY factor`);
    expect(w.data.candidateWeights.map((x: any) => [x.factor, x.weight])).toEqual(rows.map((x) => [x.factor, x.weight]));
    expect(codes(await api.gql('bureau', CANDIDATES, { id: String(ownMissingNode), first: 101 }))).toEqual(['PAGE_TOO_LARGE']);
    expect(codes(await api.gql(null, `{ candidateWeights { factor } }`))).toEqual(['UNAUTHENTICATED']);
  });

  it('reorders candidates on the next query after an admin changes a weight (audited); others may not', async () => {
    const before = (await api.gql('admin', CANDIDATES, { id: String(ownMissingNode), first: 30 })).data.chainNode.candidates;
    const a = before[0];
    // Find a lower-ranked candidate B and a factor where B's raw value beats A's: raising that weight lifts B over A.
    let pick: { b: any; factor: string; weight: number; gain: number } | null = null;
    for (const b of before.slice(1)) {
      for (const p of b.parts) {
        const rawA = a.parts.find((x: any) => x.factor === p.factor)?.raw ?? 0;
        if (p.raw > rawA && p.weight > 0) { pick = { b, factor: p.factor, weight: p.weight, gain: p.raw - rawA }; break; }
      }
      if (pick) break;
    }
    expect(pick).not.toBeNull();
    const { b, factor, weight, gain } = pick!;
    const newWeight = Math.ceil(weight + (a.score - b.score + 1) / gain);
    expect(newWeight).toBeLessThanOrEqual(1000);

    await refused('chainlead', SET_WEIGHT, { f: factor, w: newWeight }, 'FORBIDDEN');
    await refused('bureau', SET_WEIGHT, { f: factor, w: newWeight }, 'FORBIDDEN');
    await refused('admin', SET_WEIGHT, { f: 'no_such_factor', w: 1 }, 'INVALID_ARGUMENT');
    await refused('admin', SET_WEIGHT, { f: factor, w: 5000 }, 'INVALID_ARGUMENT');

    const set = await api.gql('admin', SET_WEIGHT, { f: factor, w: newWeight });
    expect(set.data.setCandidateWeight).toEqual({ factor, weight: newWeight });
    const [audit] = await api.sql(`SELECT actor_name, before, after FROM audit_log WHERE entity = 'candidate_weight' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [factor]);
    expect(audit).toMatchObject({ actor_name: 'admin', before: { weight: weight }, after: { weight: newWeight } });

    const after = (await api.gql('chainlead', CANDIDATES, { id: String(ownMissingNode), first: 30 })).data.chainNode.candidates;
    const rank = (list: any[], id: string) => list.findIndex((c) => c.enterprise.id === id);
    expect(rank(after, b.enterprise.id)).toBeLessThan(rank(after, a.enterprise.id));
    await api.gql('admin', SET_WEIGHT, { f: factor, w: weight });
    const restored = (await api.gql('chainlead', CANDIDATES, { id: String(ownMissingNode), first: 30 })).data.chainNode.candidates;
    expect(restored.map((c: any) => c.enterprise.id)).toEqual(before.map((c: any) => c.enterprise.id));
  });
});

describe('the recruitment pipeline', () => {
  let targetId: string;
  let candidateId: string;

  it('refuses writes from roles without the pipeline, outside the leader\'s chains, and bad input — writing nothing', async () => {
    const input = { enterpriseId: String(outsideEnterprise), chainNodeId: String(ownMissingNode), ownerTeam: '测试小分队' };
    for (const as of ['planner', 'integrator', 'liangyuan'] as DemoUser[]) await refused(as, ADD, { input }, 'FORBIDDEN');
    // Permission comes before validation: a planner learns nothing about the bad node.
    await refused('planner', ADD, { input: { ...input, chainNodeId: '99999999' } }, 'FORBIDDEN');
    await refused('chainlead', ADD, { input: { ...input, chainNodeId: String(otherNode) } }, 'FORBIDDEN');
    await refused('chainlead', ADD, { input: { ...input, chainNodeId: '99999999' } }, 'NOT_FOUND');
    await refused('chainlead', ADD, { input: { ...input, enterpriseId: '99999999' } }, 'NOT_FOUND');
    const [local] = await api.sql(`SELECT id FROM enterprise WHERE is_local ORDER BY id LIMIT 1`);
    await refused('chainlead', ADD, { input: { ...input, enterpriseId: String(local.id) } }, 'INVALID_ARGUMENT');
    await refused('chainlead', ADD, { input: { enterpriseId: input.enterpriseId, chainNodeId: input.chainNodeId } }, 'INVALID_ARGUMENT');
    await refused('chainlead', ADD, { input: { ...input, ownerOfficialId: '99999999' } }, 'NOT_FOUND');
    await refused('chainlead', ADD, { input: { ...input, nextActionDue: shift(today(), -1) } }, 'INVALID_DATE');
    await refused('chainlead', ADD, { input: { ...input, nextActionDue: '2026-02-30' } }, 'INVALID_DATE');
    const [dup] = await api.sql(`SELECT t.enterprise_id, t.chain_node_id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE n.chain_id = $1 ORDER BY t.id LIMIT 1`, [leaderChains[0]]);
    await refused('chainlead', ADD, { input: { ...input, enterpriseId: String(dup.enterprise_id), chainNodeId: String(dup.chain_node_id) } }, 'CONFLICT');
  });

  it('adds the top candidate as a target (线索), audited; it then shows the in-pipeline penalty', async () => {
    const list = (await api.gql('chainlead', CANDIDATES, { id: String(ownMissingNode), first: 50 })).data.chainNode.candidates;
    const top = list.find((c: any) => !c.existingTarget);
    candidateId = top.enterprise.id;
    const due = shift(today(), 7);
    const r = await api.gql('chainlead', ADD, { input: { enterpriseId: candidateId, chainNodeId: String(ownMissingNode), ownerOfficialId: '1', ownerTeam: '长三角招商小分队', nextAction: '电话初步接洽', nextActionDue: due } });
    expect(r.errors).toBeUndefined();
    const t = r.data.addTarget;
    targetId = t.id;
    expect(t).toMatchObject({ status: 'LEAD', createdOn: today(), nextAction: '电话初步接洽', nextActionDue: due, ownerTeam: '长三角招商小分队', owner: { id: '1' }, canEdit: true });
    expect(t.allowedMoves).toEqual(['CONTACTED', 'SITE_VISIT', 'NEGOTIATING', 'SIGNED', 'DROPPED']);
    expect(t.statusHistory).toEqual([{ status: 'LEAD', enteredOn: today() }]);
    const [audit] = await api.sql(`SELECT actor_name, action FROM audit_log WHERE entity = 'target_enterprise' AND entity_id = $1`, [targetId]);
    expect(audit).toEqual({ actor_name: 'chainlead', action: 'create' });
    const again = (await api.gql('chainlead', CANDIDATES, { id: String(ownMissingNode), first: 100 })).data.chainNode.candidates.find((c: any) => c.enterprise.id === candidateId);
    expect(again.existingTarget).toEqual({ id: targetId });
    expect(again.parts).toContainEqual(expect.objectContaining({ factor: 'in_pipeline', raw: 1 }));
  });

  it('logs activities dated today or earlier, never before the target was created nor in the future', async () => {
    await refused('chainlead', LOG, { input: { targetId, kind: 'VISIT', occurredOn: shift(today(), 1), note: '拜访' } }, 'INVALID_DATE');
    await refused('chainlead', LOG, { input: { targetId, kind: 'VISIT', occurredOn: shift(today(), -1), note: '拜访' } }, 'INVALID_DATE');
    await refused('chainlead', LOG, { input: { targetId, kind: 'VISIT', occurredOn: today(), note: '  ' } }, 'INVALID_ARGUMENT');
    await refused('chainlead', LOG, { input: { targetId: '99999999', kind: 'VISIT', occurredOn: today(), note: 'x' } }, 'NOT_FOUND');
    await refused('planner', LOG, { input: { targetId, kind: 'VISIT', occurredOn: today(), note: '拜访' } }, 'FORBIDDEN');
    const [foreign] = await api.sql(`SELECT t.id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE NOT n.chain_id = ANY($1) AND t.status <> 'dropped' ORDER BY t.id LIMIT 1`, [leaderChains]);
    await refused('chainlead', LOG, { input: { targetId: String(foreign.id), kind: 'CALL', occurredOn: today(), note: '电话' } }, 'FORBIDDEN');
    const r = await api.gql('chainlead', LOG, { input: { targetId, kind: 'VISIT', occurredOn: today(), participants: '链长、招商局', note: '赴企业总部拜访', nextAction: '邀请来商考察', nextActionDue: shift(today(), 14) } });
    expect(r.errors).toBeUndefined();
    expect(r.data.logTargetActivity).toMatchObject({ kind: 'VISIT', occurredOn: today(), participants: '链长、招商局', note: '赴企业总部拜访' });
    const [t] = await api.sql(`SELECT next_action, next_action_due::text AS due FROM target_enterprise WHERE id = $1`, [targetId]);
    expect(t).toEqual({ next_action: '邀请来商考察', due: shift(today(), 14) });
    const [a] = await api.sql(`SELECT action, actor_name FROM audit_log WHERE entity = 'target_activity' AND entity_id = $1`, [r.data.logTargetActivity.id]);
    expect(a).toEqual({ action: 'log_activity', actor_name: 'chainlead' });
  });

  it('moves status forward only; 淘汰 needs a reason; a project only from 洽谈 or 签约, once, in one transaction', async () => {
    const r1 = await api.gql('chainlead', MOVE, { input: { targetId, to: 'CONTACTED' } });
    expect(r1.data.moveTargetStatus.status).toBe('CONTACTED');
    await refused('chainlead', MOVE, { input: { targetId, to: 'LEAD' } }, 'ILLEGAL_STATUS_MOVE');
    await refused('chainlead', MOVE, { input: { targetId, to: 'CONTACTED' } }, 'ILLEGAL_STATUS_MOVE');
    await refused('chainlead', MOVE, { input: { targetId, to: 'SITE_VISIT', on: shift(today(), 2) } }, 'INVALID_DATE');
    await refused('chainlead', MOVE, { input: { targetId, to: 'SITE_VISIT', on: shift(today(), -3) } }, 'STAGE_DATE_OUT_OF_ORDER');
    await refused('chainlead', MOVE, { input: { targetId, to: 'DROPPED' } }, 'INVALID_ARGUMENT');
    await refused('integrator', MOVE, { input: { targetId, to: 'SITE_VISIT' } }, 'FORBIDDEN');
    await refused('chainlead', CONVERT, { input: { targetId, introducingUnitId: unitId } }, 'ILLEGAL_STATUS_MOVE');
    const r2 = await api.gql('chainlead', MOVE, { input: { targetId, to: 'NEGOTIATING' } });
    expect(r2.data.moveTargetStatus.statusHistory.map((e: any) => e.status)).toEqual(['LEAD', 'CONTACTED', 'NEGOTIATING']);
    expect(r2.data.moveTargetStatus.allowedMoves).toEqual(['SIGNED', 'DROPPED']);

    await refused('planner', CONVERT, { input: { targetId, introducingUnitId: unitId } }, 'FORBIDDEN');
    await refused('chainlead', CONVERT, { input: { targetId, introducingUnitId: '99999999' } }, 'NOT_FOUND');
    await refused('chainlead', CONVERT, { input: { targetId, introducingUnitId: unitId, categoryCode: 'nonsense' } }, 'INVALID_ARGUMENT');
    await refused('chainlead', CONVERT, { input: { targetId, introducingUnitId: unitId, agreedInvestment: -5 } }, 'INVALID_AMOUNT');
    await refused('chainlead', CONVERT, { input: { targetId, introducingUnitId: unitId, parkId: '99999999' } }, 'NOT_FOUND');

    const [park] = await api.sql(`SELECT id FROM park ORDER BY id LIMIT 1`);
    const c = await api.gql('chainlead', CONVERT, { input: { targetId, introducingUnitId: unitId, parkId: String(park.id), agreedInvestment: 30000 } });
    expect(c.errors).toBeUndefined();
    const p = c.data.convertTargetToProject;
    expect(p).toMatchObject({ stage: 'NEGOTIATING', investor: { id: candidateId }, chainNode: { id: String(ownMissingNode) }, targetEnterprise: { id: targetId }, introducingUnit: { id: unitId }, park: { id: String(park.id) } });
    expect(p.location.type).toBe('Point');
    expect(p.stageHistory.map((s: any) => s.stage)).toEqual(['LEAD', 'NEGOTIATING']);
    const [audit] = await api.sql(`SELECT action FROM audit_log WHERE entity = 'project' AND entity_id = $1`, [p.id]);
    expect(audit.action).toBe('convert_target');
    await refused('chainlead', CONVERT, { input: { targetId, introducingUnitId: unitId } }, 'CONFLICT');
    const back = await api.gql('chainlead', `query($id: ID!) { targetEnterprise(id: $id) { project { id } destination } }`, { id: targetId });
    expect(back.data.targetEnterprise.project).toEqual({ id: p.id });
    // Once converted, the target is drawn coming to its project's point (in the park).
    const dest = back.data.targetEnterprise.destination;
    expect(dest.type).toBe('Point');
    dest.coordinates.forEach((c: number, i: number) => expect(c).toBeCloseTo(p.location.coordinates[i], 5));

    const signed = await api.gql('chainlead', MOVE, { input: { targetId, to: 'SIGNED' } });
    expect(signed.data.moveTargetStatus.allowedMoves).toEqual([]);
    await refused('chainlead', MOVE, { input: { targetId, to: 'DROPPED', reason: '太迟' } }, 'ILLEGAL_STATUS_MOVE');
  });

  it('lets bureau work on any chain and drops a target with a reason', async () => {
    const [e] = await api.sql(`SELECT e.id FROM enterprise e WHERE NOT e.is_local AND NOT EXISTS (SELECT 1 FROM target_enterprise t WHERE t.enterprise_id = e.id AND t.chain_node_id = $1) ORDER BY e.id DESC LIMIT 1`, [otherNode]);
    const r = await api.gql('bureau', ADD, { input: { enterpriseId: String(e.id), chainNodeId: String(otherNode), ownerTeam: '招商局' } });
    expect(r.errors).toBeUndefined();
    const d = await api.gql('bureau', MOVE, { input: { targetId: r.data.addTarget.id, to: 'DROPPED', reason: '企业无扩产计划' } });
    expect(d.data.moveTargetStatus.statusHistory.at(-1)).toMatchObject({ status: 'DROPPED', reason: '企业无扩产计划' });
    await refused('bureau', LOG, { input: { targetId: r.data.addTarget.id, kind: 'CALL', occurredOn: today(), note: '电话' } }, 'INVALID_ARGUMENT');
  });
});

describe('firm-to-node mapping', () => {
  it('suggests mappings with reasons; chain leaders confirm (counted in gap status) or reject (not suggested again)', async () => {
    const q = `query($c: ID!) { mappingSuggestions(chainId: $c, first: 200) { reason enterprise { id isLocal } chainNode { id chain { id } localEnterpriseCount } } }`;
    const s = (await api.gql('chainlead', q, { c: String(leaderChains[0]) })).data.mappingSuggestions;
    expect(s.length).toBeGreaterThan(1);
    for (const x of s) {
      expect(x.enterprise.isLocal).toBe(true);
      expect(Number(x.chainNode.chain.id)).toBe(leaderChains[0]);
      expect(x.reason).toMatch(/^(industry:[A-T]\d+|keyword:.+)$/);
    }
    const [one, two] = s;
    const CONFIRM = `mutation($e: ID!, $n: ID!) { confirmNodeMapping(enterpriseId: $e, chainNodeId: $n, output: 1200) { id localEnterpriseCount } }`;
    const REJECT = `mutation($e: ID!, $n: ID!, $r: String!) { rejectNodeMapping(enterpriseId: $e, chainNodeId: $n, reason: $r) { id } }`;
    await refused('planner', CONFIRM, { e: one.enterprise.id, n: one.chainNode.id }, 'FORBIDDEN');
    await refused('chainlead', CONFIRM, { e: one.enterprise.id, n: String(otherNode) }, 'FORBIDDEN');
    await refused('chainlead', CONFIRM, { e: String(outsideEnterprise), n: one.chainNode.id }, 'INVALID_ARGUMENT');
    await refused('chainlead', REJECT, { e: two.enterprise.id, n: two.chainNode.id, r: ' ' }, 'INVALID_ARGUMENT');
    const c = await api.gql('chainlead', CONFIRM, { e: one.enterprise.id, n: one.chainNode.id });
    expect(c.data.confirmNodeMapping.localEnterpriseCount).toBe(one.chainNode.localEnterpriseCount + 1);
    await refused('chainlead', CONFIRM, { e: one.enterprise.id, n: one.chainNode.id }, 'CONFLICT');
    const r = await api.gql('chainlead', REJECT, { e: two.enterprise.id, n: two.chainNode.id, r: '主营不符' });
    expect(r.errors).toBeUndefined();
    const after = (await api.gql('chainlead', q, { c: String(leaderChains[0]) })).data.mappingSuggestions;
    const key = (x: any) => `${x.enterprise.id}:${x.chainNode.id}`;
    expect(after.map(key)).not.toContain(key(two));
    expect(after.some((x: any) => x.enterprise.id === one.enterprise.id)).toBe(false);
    const audits = await api.sql(`SELECT action FROM audit_log WHERE entity IN ('enterprise_chain_node', 'node_mapping_rejection') AND actor_name = 'chainlead' ORDER BY id`);
    expect(audits.map((a) => a.action)).toEqual(['confirm_mapping', 'reject_mapping']);
  });
});

describe('提醒制 and 淘汰制 at two as-of dates', () => {
  let chainId: number;
  const ids: Record<string, number> = {};
  const FLAGS = `query($asOf: LocalDate, $c: ID) { pipelineFlags(asOf: $asOf, chainId: $c) { asOf reminderDays eliminationDays
      reminders { flag status since idleDays target { id } project { id } } eliminations { flag status since idleDays target { id } project { id } } } }`;

  beforeAll(async () => {
    // A fixture chain of its own, so the seeded pipeline does not blur the hand-computed answers.
    [{ id: chainId }] = await api.sql(`INSERT INTO chain (code, name) VALUES ('fixture_flags', '测试链') RETURNING id`);
    const [{ id: node }] = await api.sql(`INSERT INTO chain_node (chain_id, name, segment, industry_code) VALUES ($1, '测试环节', 'upstream', 'C1495') RETURNING id`, [chainId]);
    const ent = async (name: string) => (await api.sql(`INSERT INTO enterprise (name, location, city, is_local, industry_code) VALUES ($1, ST_SetSRID(ST_MakePoint(120.5, 31.3), 4326), '苏州市', false, 'C1495') RETURNING id`, [name]))[0].id;
    const target = async (key: string, created: string, events: [string, string][], activities: string[]) => {
      const status = events.at(-1)![0];
      const [{ id }] = await api.sql(`INSERT INTO target_enterprise (enterprise_id, chain_node_id, status, owner_team, created_on) VALUES ($1, $2, $3, '测试', $4) RETURNING id`, [await ent(`测试企业${key}`), node, status, created]);
      for (const [s, on] of events) await api.sql(`INSERT INTO target_status_event (target_id, status, entered_on) VALUES ($1, $2, $3)`, [id, s, on]);
      for (const on of activities) await api.sql(`INSERT INTO target_activity (target_id, kind, occurred_on, note) VALUES ($1, 'call', $2, '电话')`, [id, on]);
      ids[key] = id;
    };
    await target('T1', '2026-01-01', [['lead', '2026-01-01']], ['2026-02-10']);
    await target('T2', '2026-01-01', [['lead', '2026-01-01'], ['contacted', '2026-03-01']], ['2026-03-01']);
    await target('T3', '2026-03-20', [['lead', '2026-03-20']], []);
    const [{ id: p }] = await api.sql(`INSERT INTO project (code, name, introducing_unit_id, category_code, stage, chain_node_id) VALUES ('FIX-0001', '测试在谈项目', $1, 'manufacturing', 'negotiating', $2) RETURNING id`, [unitId, node]);
    await api.sql(`INSERT INTO project_stage_event (project_id, stage, entered_on) VALUES ($1, 'lead', '2026-01-05'), ($1, 'negotiating', '2026-02-01')`, [p]);
    ids.P1 = p;
  });

  afterAll(async () => {
    await api.sql(`DELETE FROM project WHERE id = $1`, [ids.P1]);
    await api.sql(`DELETE FROM target_enterprise WHERE id = ANY($1::int[])`, [[ids.T1, ids.T2, ids.T3]]);
    await api.sql(`DELETE FROM enterprise WHERE name LIKE '测试企业T%'`);
    await api.sql(`DELETE FROM chain WHERE id = $1`, [chainId]);
  });

  const simplify = (fs: any[]) => fs.map((f) => [f.target ? `T:${f.target.id}` : `P:${f.project.id}`, f.status, f.since, f.idleDays]);

  it('as of 2026-03-15 (N = 30, M = 90)', async () => {
    const r = await api.gql('bureau', FLAGS, { asOf: '2026-03-15', c: String(chainId) });
    expect(r.errors).toBeUndefined();
    const f = r.data.pipelineFlags;
    expect(f).toMatchObject({ asOf: '2026-03-15', reminderDays: 30, eliminationDays: 90 });
    // P1 在谈 since 02-01: 27 days left in February (28 − 1) + 15 = 42 ≥ 30 → reminder.
    // T1 线索, last call 02-10: 18 + 15 = 33 ≥ 30 → reminder; no move since 01-01: 31 + 28 + 14 = 73 < 90 → not eliminated.
    // T2 接洽 on 03-01 with a call that day: 14 < 30 → nothing. T3 was created 03-20, after the as-of date → absent.
    expect(simplify(f.reminders)).toEqual([[`P:${ids.P1}`, 'negotiating', '2026-02-01', 42], [`T:${ids.T1}`, 'lead', '2026-02-10', 33]]);
    expect(f.eliminations).toEqual([]);
  });

  it('as of 2026-04-05', async () => {
    const f = (await api.gql('admin', FLAGS, { asOf: '2026-04-05', c: String(chainId) })).data.pipelineFlags;
    // P1: 27 + 31 + 5 = 63. T1: 18 + 31 + 5 = 54. T2: 30 + 5 = 35 (last call 03-01). T3: 15 + 1 = 16 < 30.
    expect(simplify(f.reminders)).toEqual([
      [`P:${ids.P1}`, 'negotiating', '2026-02-01', 63], [`T:${ids.T1}`, 'lead', '2026-02-10', 54], [`T:${ids.T2}`, 'contacted', '2026-03-01', 35],
    ]);
    // T1 still 线索 since 01-01: 31 + 28 + 31 + 4 = 94 ≥ 90 → proposed for elimination; T3 only 16 days.
    expect(simplify(f.eliminations)).toEqual([[`T:${ids.T1}`, 'lead', '2026-01-01', 94]]);
  });

  it('reads N and M from the database: admin sets M = 60 (audited) and T1 is proposed already on 2026-03-15', async () => {
    const SET = `mutation($d: Int!) { setPipelineRule(key: ELIMINATION_DAYS, days: $d) { key days } }`;
    await refused('chainlead', SET, { d: 60 }, 'FORBIDDEN');
    await refused('admin', SET, { d: 0 }, 'INVALID_ARGUMENT');
    expect((await api.gql('admin', SET, { d: 60 })).data.setPipelineRule).toEqual({ key: 'ELIMINATION_DAYS', days: 60 });
    try {
      const f = (await api.gql('bureau', FLAGS, { asOf: '2026-03-15', c: String(chainId) })).data.pipelineFlags;
      expect(f.eliminationDays).toBe(60);
      expect(simplify(f.eliminations)).toEqual([[`T:${ids.T1}`, 'lead', '2026-01-01', 73]]);
      const rules = (await api.gql('planner', `{ pipelineRules { key days } }`)).data.pipelineRules;
      expect(rules).toEqual([{ key: 'ELIMINATION_DAYS', days: 60 }, { key: 'REMINDER_DAYS', days: 30 }]);
    } finally {
      await api.gql('admin', SET, { d: 90 });
    }
    const audits = await api.sql(`SELECT after FROM audit_log WHERE entity = 'pipeline_rule' ORDER BY id`);
    expect(audits.map((a) => a.after.days)).toEqual([60, 90]);
  });

  it('scopes flags to a chain leader\'s chains', async () => {
    const f = (await api.gql('chainlead', FLAGS, { asOf: '2026-04-05', c: String(chainId) })).data.pipelineFlags;
    expect(f.reminders).toEqual([]);
    expect(f.eliminations).toEqual([]);
  });
});

describe('chain page summary', () => {
  it('counts the signed and started projects out of each chain as SQL does', async () => {
    const r = await api.gql('planner', `{ chains { nodes { id signedProjectCount startedProjectCount canEditPipeline } } }`);
    const rows = await api.sql(`SELECT c.id, count(p.id) FILTER (WHERE p.stage = 'signed')::int AS signed,
        count(p.id) FILTER (WHERE p.stage IN ('started', 'completed', 'in_production', 'at_capacity'))::int AS started
      FROM chain c LEFT JOIN chain_node n ON n.chain_id = c.id LEFT JOIN project p ON p.chain_node_id = n.id GROUP BY c.id ORDER BY c.id`);
    expect(r.data.chains.nodes.map((c: any) => [Number(c.id), c.signedProjectCount, c.startedProjectCount])).toEqual(rows.map((x) => [x.id, x.signed, x.started]));
    expect(rows.some((x) => x.started > 0)).toBe(true);
    expect(r.data.chains.nodes.every((c: any) => c.canEditPipeline === false)).toBe(true);
  });
});

describe('我的链 workspace', () => {
  it('shows a chain leader their chains, targets overdue first, visits this month and the projects out of the chain', async () => {
    const asOf = today();
    // An open target without a due date is not overdue and must not sort among the overdue ones (NULL sorts first in DESC).
    const [free] = await api.sql(`SELECT e.id FROM enterprise e WHERE NOT e.is_local AND NOT EXISTS (SELECT 1 FROM target_enterprise t WHERE t.enterprise_id = e.id AND t.chain_node_id = $1) ORDER BY e.id DESC LIMIT 1`, [ownMissingNode]);
    expect((await api.gql('chainlead', ADD, { input: { enterpriseId: String(free.id), chainNodeId: String(ownMissingNode), ownerTeam: '无截止日期测试' } })).errors).toBeUndefined();
    const r = await api.gql('chainlead', `query($d: LocalDate) { chainWorkspace(asOf: $d) { asOf visitsThisMonth overdueCount
        chains { id canEditPipeline } targets { id isOverdue(asOf: $d) chainNode { chain { id } } } projects { id stage chainNode { chain { id } } }
        flags { reminders { idleDays } } } }`, { d: asOf });
    expect(r.errors).toBeUndefined();
    const w = r.data.chainWorkspace;
    expect(w.chains.map((c: any) => Number(c.id))).toEqual(leaderChains);
    expect(w.chains.every((c: any) => c.canEditPipeline)).toBe(true);
    const [visits] = await api.sql(`SELECT count(*)::int AS n FROM target_activity a JOIN target_enterprise t ON t.id = a.target_id JOIN chain_node n ON n.id = t.chain_node_id
      WHERE n.chain_id = ANY($1) AND a.kind IN ('visit', 'inspection') AND a.occurred_on >= date_trunc('month', $2::date) AND a.occurred_on <= $2::date`, [leaderChains, asOf]);
    expect(w.visitsThisMonth).toBe(visits.n);
    expect(w.visitsThisMonth).toBeGreaterThan(0);
    const [all] = await api.sql(`SELECT count(*)::int AS n FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE n.chain_id = ANY($1)`, [leaderChains]);
    expect(w.targets).toHaveLength(all.n);
    const overdue = w.targets.filter((t: any) => t.isOverdue).length;
    expect(overdue).toBe(w.overdueCount);
    expect(w.targets.slice(0, overdue).every((t: any) => t.isOverdue)).toBe(true);
    for (const t of w.targets) expect(leaderChains).toContain(Number(t.chainNode.chain.id));
    const last = (await api.gql('chainlead', `{ chainWorkspace { targets { id lastActivityOn } } }`)).data.chainWorkspace.targets;
    const lastSql = new Map((await api.sql(`SELECT target_id, max(occurred_on)::text AS d FROM target_activity GROUP BY 1`)).map((r) => [String(r.target_id), r.d]));
    for (const x of last) expect(x.lastActivityOn).toBe(lastSql.get(x.id) ?? null);
    const dest = (await api.gql('chainlead', `{ chainWorkspace { targets { destination } } }`)).data.chainWorkspace.targets;
    // Every target of a chain with local enterprises has somewhere to come to, inside the 商丘 area.
    for (const t of dest) {
      expect(t.destination.type).toBe('Point');
      expect(t.destination.coordinates[0]).toBeGreaterThan(114.8);
      expect(t.destination.coordinates[0]).toBeLessThan(116.7);
    }
    for (const p of w.projects) {
      expect(leaderChains).toContain(Number(p.chainNode.chain.id));
      expect(['SIGNED', 'STARTED', 'COMPLETED', 'IN_PRODUCTION', 'AT_CAPACITY']).toContain(p.stage);
    }
    const planner = (await api.gql('planner', `{ chainWorkspace { chains { id canEditPipeline } } }`)).data.chainWorkspace;
    expect(planner.chains.length).toBeGreaterThan(leaderChains.length);
    expect(planner.chains.some((c: any) => c.canEditPipeline)).toBe(false);
  });
});
