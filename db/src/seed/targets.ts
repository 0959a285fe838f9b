import type { Sql } from '../sql';
import type { Chain, ChainNode } from './chains';
import { insertRows } from './db';
import type { Enterprise } from './enterprises';
import { apportion, day, isoDate, type Rng } from './random';

export type TargetStatus = 'lead' | 'contacted' | 'site_visit' | 'negotiating' | 'signed' | 'dropped';
type ActivityKind = 'visit' | 'meeting' | 'call' | 'other';

export interface Target {
  id: number;
  enterprise: Enterprise;
  node: ChainNode;
  chain: Chain;
  status: TargetStatus;
  ownerTeam: string;
  ownerOfficialId: number;
  nextAction: string | null;
  nextActionDue: number | null;
  createdOn: number;
  activities: { kind: ActivityKind; on: number; note: string }[];
}

const NEXT_ACTIONS: Record<TargetStatus, string[]> = {
  lead: ['电话初步接洽，了解投资意向', '寄送产业链招商推介材料', '通过行业协会引荐对接'],
  contacted: ['邀请企业高管来商丘实地考察', '安排链长带队登门拜访', '提供意向园区及要素保障清单'],
  site_visit: ['提供选址方案及土地、厂房要素清单', '对接拟落地园区标准化厂房', '组织相关部门会商优惠政策'],
  negotiating: ['起草投资合作协议', '协调土地指标与能评、环评', '确定签约时间及签约仪式安排'],
  signed: ['协助注册项目公司并办理备案', '推动项目尽快开工'],
  dropped: [],
};

const TEAMS_BY_SOURCE: Record<string, string> = { 长三角: '长三角招商小分队', 珠三角: '珠三角招商小分队', 京津冀: '京津冀招商小分队' };

/** Outside enterprises chosen for the gap (missing or weak) nodes, with a dated pipeline history. */
export function planTargets(rng: Rng, chains: Chain[], outside: Enterprise[], scale: number, reference: number): Target[] {
  const total = Math.round(120 * scale);
  const gaps = chains.flatMap((c) => c.nodes).filter((n) => n.strength !== 'strong');
  const counts = apportion(total, gaps.map((n) => (!n.inPlan ? 1 : n.strength === 'missing' ? 3 : 2)));
  const targets: Target[] = [];
  for (const [i, node] of gaps.entries()) {
    const r = rng.fork(`targets-${node.id}`);
    const chain = chains.find((c) => c.id === node.chainId)!;
    // Recognised firms are more likely to be on the list: the ranking the chain office starts from.
    const ranked = outside
      .filter((e) => e.nodes.some((n) => n.nodeId === node.id))
      .map((e) => ({ e, score: e.tags.length + r.float(0, 2.5) }))
      .sort((a, b) => b.score - a.score || a.e.id - b.e.id);
    for (const { e } of ranked.slice(0, counts[i])) {
      const status = r.weighted<TargetStatus>([['lead', 28], ['contacted', 20], ['site_visit', 15], ['negotiating', 15], ['signed', 10], ['dropped', 12]]);
      const createdOn = status === 'lead' ? r.int(reference - 240, reference - 5) : r.int(day('2025-01-06'), reference - 30);
      const team = TEAMS_BY_SOURCE[e.sourceRegion ?? ''];
      targets.push({
        id: 0, enterprise: e, node, chain, status,
        ownerTeam: team && r.chance(0.5) ? team : chain.team,
        ownerOfficialId: r.chance(0.25) ? chain.leader : r.pick([5, 6, 7, 8, 9]),
        nextAction: null, nextActionDue: null, createdOn, activities: [],
      });
    }
  }
  targets.forEach((t, i) => (t.id = i + 1));
  for (const t of targets) describeActivities(t, rng.fork(`activity-${t.id}`), reference);
  return targets;
}

/** Activities and next action follow the status: a site visit has a visit, negotiation has meetings... */
export function describeActivities(t: Target, rng: Rng, reference: number, until = reference): void {
  const [lo, hi] = { lead: [0, 1], contacted: [1, 2], site_visit: [2, 3], negotiating: [2, 4], signed: [3, 4], dropped: [1, 3] }[t.status];
  const n = rng.int(lo, hi);
  const kinds: ActivityKind[] = [];
  for (let k = 0; k < n; k++) {
    if (k === 0) kinds.push(rng.pick<ActivityKind>(['call', 'call', 'other']));
    else if (t.status === 'site_visit' && k === n - 1) kinds.push('visit');
    else kinds.push(rng.weighted<ActivityKind>([['visit', 35], ['meeting', 35], ['call', 25], ['other', 5]]));
  }
  const days = kinds.map(() => rng.int(t.createdOn, Math.max(t.createdOn, until))).sort((a, b) => a - b);
  const e = t.enterprise;
  const short = e.name.replace(/(集团|股份)?有限公司$/, '');
  t.activities = kinds.map((kind, k) => ({ kind, on: days[k], note: activityNote(kind, rng, short, e.city, t.node.name) }));
  if (t.status === 'dropped') return;
  t.nextAction = rng.pick(NEXT_ACTIONS[t.status]);
  const last = days.length > 0 ? days[days.length - 1] : t.createdOn;
  // Roughly a third of open next actions are overdue on the reference date (the 提醒制 demo).
  t.nextActionDue = t.status === 'signed' && rng.chance(0.5) ? null : Math.max(last + 3, reference + rng.int(-40, 45));
}

function activityNote(kind: ActivityKind, rng: Rng, company: string, city: string, node: string): string {
  switch (kind) {
    case 'visit':
      return rng.pick([
        `赴${city}拜访${company}董事长，介绍${node}环节招商政策及园区要素保障`,
        `${company}高管一行来商丘实地考察，察看拟选址地块和标准化厂房`,
        `链长带队赴${city}拜访${company}，就${node}项目落地进行深入交流`,
      ]);
    case 'meeting':
      return rng.pick([
        `与${company}召开项目对接会，企业介绍扩产计划和用地需求`,
        `组织发改、自然资源、生态环境等部门与${company}会商项目前置手续`,
        `与${company}就投资协议条款进行洽谈，初步明确投资规模和建设周期`,
      ]);
    case 'call':
      return rng.pick([
        `电话沟通${company}投资意向，企业表示正在评估中西部产能布局`,
        `电话回访${company}，了解其对${node}环节在商丘布局的顾虑`,
        `与${company}投资部电话沟通，约定下一步考察时间`,
      ]);
    default:
      return rng.pick([`向${company}寄送招商推介材料及产业链图谱`, `通过行业协会获取${company}扩产信息，建立招商台账`]);
  }
}

export async function insertTargets(sql: Sql, targets: Target[]): Promise<void> {
  await insertRows(sql, 'target_enterprise', {
    id: 'int', enterprise_id: 'int', chain_node_id: 'int', status: 'target_status', owner_team: 'text',
    owner_official_id: 'int', next_action: 'text', next_action_due: 'date', created_on: 'date',
  }, targets.map((t) => ({
    id: t.id, enterprise_id: t.enterprise.id, chain_node_id: t.node.id, status: t.status, owner_team: t.ownerTeam,
    owner_official_id: t.ownerOfficialId, next_action: t.nextAction,
    next_action_due: t.nextActionDue === null ? null : isoDate(t.nextActionDue), created_on: isoDate(t.createdOn),
  })));
  // The status history: 线索 on creation, the current status on the day of the last activity (or creation).
  let ev = 0;
  await insertRows(sql, 'target_status_event', { id: 'int', target_id: 'int', status: 'target_status', entered_on: 'date', reason: 'text' },
    targets.flatMap((t) => {
      const rows = [{ id: ++ev, target_id: t.id, status: 'lead', entered_on: isoDate(t.createdOn), reason: null as string | null }];
      const last = t.activities.length ? t.activities[t.activities.length - 1].on : t.createdOn;
      if (t.status !== 'lead') rows.push({ id: ++ev, target_id: t.id, status: t.status, entered_on: isoDate(last), reason: t.status === 'dropped' ? '企业投资意向转向其他地区' : null });
      return rows;
    }));
  await sql.exec(`SELECT setval(pg_get_serial_sequence('target_status_event', 'id'), ${Math.max(ev, 1)})`);
  let id = 0;
  await insertRows(sql, 'target_activity', { id: 'int', target_id: 'int', kind: 'activity_kind', occurred_on: 'date', note: 'text' },
    targets.flatMap((t) => t.activities.map((a) => ({ id: ++id, target_id: t.id, kind: a.kind, occurred_on: isoDate(a.on), note: a.note }))));
}
