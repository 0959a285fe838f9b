import type { DataSource, EntityManager } from 'typeorm';
import { assertAmount } from '../../common/amounts';
import { recordAudit } from '../../common/audit';
import { todayInChina } from '../../common/dates';
import { AtlasError, ErrorCode, forbidden, invalid, notFound } from '../../common/errors';
import { parseId } from '../../common/filters';
import { Role, type AuthUser } from '../../auth/auth-user';
import { TargetActivity, TargetEnterprise, TargetStatus } from '../target';
import { CandidateWeight, type PipelineFlagKind, PipelineRule, type PipelineRuleKey, type ChainWorkspace, type PipelineFlag, type PipelineFlags,
  type PipelineCity, type TargetRow, type TargetStatusCount, type WorkspaceProjectPage, type WorkspaceTargetPage } from './recruitment.entity';
import type { Geometry } from 'geojson';
import type { AddTargetInput, ConvertTargetInput, LogTargetActivityInput, MoveTargetStatusInput, WorkspaceTargetFilter } from './recruitment.inputs';
import {
  BOARD_COUNTS, BOARD_OWNERS, BOARD_PAGE, PIPELINE_MAP, WORKSPACE_PROJECT_PAGE, WORKSPACE_PROJECT_TOTALS,
  ALL_CHAIN_IDS, INSERT_PROJECT_FROM_TARGET, LOCK_TARGET, MAPPING_SUGGESTIONS, NODE_CHAIN, PIPELINE_FLAGS,
  PIPELINE_RULES, PLACE_PROJECT_IN_PARK, VISITS_IN_MONTH, WORKSPACE_PROJECTS, WORKSPACE_TARGETS,
  ENTERPRISE_LOCALITY, MAPPING_EXISTS, INSERT_MAPPING, DELETE_MAPPING_REJECTION, MAPPING_REJECTION_EXISTS,
  INSERT_MAPPING_REJECTION, ENTERPRISE_EXISTS, OFFICIAL_EXISTS, TARGET_OF_ENTERPRISE_NODE,
  INSERT_FIRST_TARGET_STATUS, INSERT_TARGET_STATUS_EVENT, ASSESSMENT_UNIT_EXISTS, ASSESSMENT_CATEGORY_CODES,
  PARK_EXISTS, TARGET_NAMES, TARGET_STATUS_DATES, NEXT_PROJECT_ID, INSERT_PROJECT_STAGE_EVENT,
  PROJECT_AUDIT_ROW,
} from './recruitment.sql';

/** The forward path of a target (DOMAIN.md 目标企业); 淘汰 is the off-ramp from any open status. */
export const TARGET_PATH: TargetStatus[] = [TargetStatus.LEAD, TargetStatus.CONTACTED, TargetStatus.SITE_VISIT, TargetStatus.NEGOTIATING, TargetStatus.SIGNED];

/** Statuses a target may move to next: any later status on the path, or 淘汰 while it is open. */
export function allowedTargetMoves(current: TargetStatus): TargetStatus[] {
  if (current === TargetStatus.SIGNED || current === TargetStatus.DROPPED) return [];
  return [...TARGET_PATH.slice(TARGET_PATH.indexOf(current) + 1), TargetStatus.DROPPED];
}

/** Who may write the pipeline at all: chain leaders (their chains), bureau and admin. Checked before anything else. */
export function assertPipelineRole(user: AuthUser): void {
  if (user.role !== Role.ADMIN && user.role !== Role.BUREAU && user.role !== Role.CHAIN_LEADER) {
    throw forbidden('change the recruitment pipeline or chain mappings (chain leaders on their chains, bureau and admin only)');
  }
}

/** A chain leader writes only on the chains they lead. */
export function assertChainScope(user: AuthUser, chainId: number): void {
  if (user.role === Role.CHAIN_LEADER && !user.chainIds.includes(chainId)) {
    throw forbidden(`write on chain ${chainId}: chain leaders write only on the chains they lead (${user.chainIds.join(', ') || 'none'})`);
  }
}

const assertAdmin = (user: AuthUser, what: string) => { if (user.role !== Role.ADMIN) throw forbidden(`${what} (admin only)`); };

const up = (s: string) => s.toUpperCase();
const trimmed = (s: string | null | undefined) => (s ?? '').trim() || null;

/** The chains a caller's pipeline views cover: a chain leader's own, everyone else's all (null). */
export const pipelineScope = (user: AuthUser): number[] | null => (user.role === Role.CHAIN_LEADER ? user.chainIds : null);

/** The largest page of the workspace board and project list. */
export const MAX_BOARD_PAGE = 500;

interface BoardRow {
  id: number; enterprise_id: number; chain_node_id: number; chain_id: number; status: TargetStatus; owner_team: string | null;
  owner_official_id: number | null; next_action: string | null; next_action_due: string | null; created_on: string;
}

const toTargetRow = (r: BoardRow): TargetRow => ({
  id: Number(r.id), enterpriseId: Number(r.enterprise_id), chainNodeId: Number(r.chain_node_id), chainId: Number(r.chain_id), status: r.status,
  ownerTeam: r.owner_team, ownerOfficialId: r.owner_official_id === null ? null : Number(r.owner_official_id), nextAction: r.next_action,
  nextActionDue: r.next_action_due, createdOn: r.created_on,
});

interface LockedTarget { id: number; enterprise_id: number; chain_node_id: number; status: TargetStatus; created_on: string; chain_id: number; last_status_on: string | null; project_id: number | null }

/** Recruitment (招商): score weights, node mappings, the target pipeline and 提醒制 / 淘汰制. Every write validated, scoped, audited. */
export class RecruitmentService {
  constructor(private readonly db: DataSource) {}

  weights() { return this.db.getRepository(CandidateWeight).find({ order: { factor: 'ASC' } }); }

  async setWeight(user: AuthUser, factor: string, weight: number): Promise<CandidateWeight> {
    assertAdmin(user, 'change candidate score weights');
    if (!Number.isFinite(weight) || weight < -1000 || weight > 1000) throw invalid('weight', 'must be a number between -1000 and 1000');
    return this.db.transaction(async (em) => {
      const repo = em.getRepository(CandidateWeight);
      const before = await repo.findOne({ where: { factor }, lock: { mode: 'pessimistic_write' } });
      if (!before) {
        const known = (await repo.find({ order: { factor: 'ASC' } })).map((w) => w.factor);
        throw invalid('factor', `"${factor}" is not a score factor; use one of ${known.join(', ')}`);
      }
      await repo.update({ factor }, { weight });
      const after = (await repo.findOneBy({ factor }))!;
      await recordAudit(em, user, 'set_weight', 'candidate_weight', factor, before, after);
      return after;
    });
  }

  async rules(): Promise<Record<PipelineRuleKey, number>> {
    const rows: { key: PipelineRuleKey; days: number }[] = await this.db.query(PIPELINE_RULES);
    const m = Object.fromEntries(rows.map((r) => [r.key, Number(r.days)])) as Record<PipelineRuleKey, number>;
    return m;
  }

  ruleRows() { return this.db.getRepository(PipelineRule).find({ order: { key: 'ASC' } }); }

  async setRule(user: AuthUser, key: PipelineRuleKey, days: number): Promise<PipelineRule> {
    assertAdmin(user, 'change the 提醒制 / 淘汰制 days');
    if (!Number.isInteger(days) || days < 1 || days > 3650) throw invalid('days', 'must be a whole number of days from 1 to 3650');
    return this.db.transaction(async (em) => {
      const repo = em.getRepository(PipelineRule);
      const before = await repo.findOne({ where: { key }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw notFound('PipelineRule', key);
      await repo.update({ key }, { days });
      const after = (await repo.findOneBy({ key }))!;
      await recordAudit(em, user, 'set_rule', 'pipeline_rule', key, before, after);
      return after;
    });
  }

  /** 提醒制 / 淘汰制 as of a date, over the caller's chains (or one chain). */
  async flags(user: AuthUser, asOf: string, chainId: number | null): Promise<PipelineFlags> {
    const rules = await this.rules();
    let scope = pipelineScope(user);
    if (chainId !== null) scope = scope ? scope.filter((c) => c === chainId) : [chainId];
    const rows: { flag: string; kind: string; id: number; status: string; since: string; idle_days: number }[] =
      await this.db.query(PIPELINE_FLAGS, [asOf, rules.reminder_days, rules.elimination_days, scope]);
    const toFlag = (r: (typeof rows)[number]): PipelineFlag => ({
      flag: r.flag as PipelineFlagKind, targetId: r.kind === 'target' ? Number(r.id) : null, projectId: r.kind === 'project' ? Number(r.id) : null,
      status: r.status, since: r.since, idleDays: Number(r.idle_days),
    });
    return {
      asOf, reminderDays: rules.reminder_days, eliminationDays: rules.elimination_days,
      reminders: rows.filter((r) => r.flag === 'reminder').map(toFlag),
      eliminations: rows.filter((r) => r.flag === 'elimination').map(toFlag),
      reminderCount: rows.filter((r) => r.flag === 'reminder').length,
      eliminationCount: rows.filter((r) => r.flag === 'elimination').length,
    };
  }

  /** 我的链 as of a date: the chains it covers (a chain leader's own, everyone else's all); its parts are read when asked. */
  async workspace(user: AuthUser, asOf: string): Promise<ChainWorkspace> {
    const scope = pipelineScope(user) ?? (await this.db.query<{ id: number }[]>(ALL_CHAIN_IDS)).map((r) => Number(r.id));
    return { asOf, chainIds: scope, user };
  }

  async visitsThisMonth(w: ChainWorkspace): Promise<number> {
    const [r] = await this.db.query<{ n: number }[]>(VISITS_IN_MONTH, [w.asOf, w.chainIds]);
    return Number(r.n);
  }

  /** Every target id of the workspace, in board order (the deprecated unpaged list). */
  async allTargetIds(w: ChainWorkspace): Promise<number[]> {
    return (await this.db.query<{ id: number }[]>(WORKSPACE_TARGETS, [w.chainIds, w.asOf])).map((r) => Number(r.id));
  }

  async allProjectIds(w: ChainWorkspace): Promise<number[]> {
    return (await this.db.query<{ id: number }[]>(WORKSPACE_PROJECTS, [w.chainIds])).map((r) => Number(r.id));
  }

  /** One page of the target board, filtered on the server, with totals and counts per status computed in SQL. */
  async targetBoard(w: ChainWorkspace, filter: WorkspaceTargetFilter | undefined, first: number, offset: number): Promise<WorkspaceTargetPage> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_BOARD_PAGE) throw new AtlasError(ErrorCode.PAGE_TOO_LARGE, `first must be between 1 and ${MAX_BOARD_PAGE}; got ${first}`, { field: 'first', max: MAX_BOARD_PAGE });
    if (!Number.isInteger(offset) || offset < 0) throw invalid('offset', 'must be a whole number ≥ 0');
    const nodeId = filter?.chainNodeId != null ? parseId('filter.chainNodeId', filter.chainNodeId) : null;
    const owner = filter?.owner?.trim() || null;
    const base = [w.chainIds, w.asOf, nodeId, owner, filter?.overdue ?? null];
    const status = filter?.status ?? null;
    const [rows, counts] = await Promise.all([
      this.db.query<BoardRow[]>(BOARD_PAGE, [...base, status, first, offset]),
      this.db.query<{ status: TargetStatus; n: number; overdue: number }[]>(BOARD_COUNTS, base),
    ]);
    const matching = counts.filter((c) => !status || c.status === status);
    return {
      totalCount: matching.reduce((s, c) => s + c.n, 0),
      overdueCount: matching.reduce((s, c) => s + c.overdue, 0),
      byStatus: counts.map((c) => ({ status: c.status, count: c.n })),
      nodes: rows.map(toTargetRow),
    };
  }

  /** Every target of the workspace per status, with the overdue ones, counted in SQL. */
  private allCounts(w: ChainWorkspace) {
    return this.db.query<{ status: TargetStatus; n: number; overdue: number }[]>(BOARD_COUNTS, [w.chainIds, w.asOf, null, null, null]);
  }

  /** Open targets of the workspace whose next action is overdue. */
  async overdueCount(w: ChainWorkspace): Promise<number> {
    return (await this.allCounts(w)).reduce((s, c) => s + c.overdue, 0);
  }

  /** Targets of the workspace per status (zero counts left out), in pipeline order. */
  async targetCounts(w: ChainWorkspace): Promise<TargetStatusCount[]> {
    return (await this.allCounts(w)).map((c) => ({ status: c.status, count: c.n }));
  }

  async targetOwners(w: ChainWorkspace): Promise<string[]> {
    return (await this.db.query<{ owner: string }[]>(BOARD_OWNERS, [w.chainIds])).map((r) => r.owner);
  }

  async projectPage(w: ChainWorkspace, first: number, offset: number): Promise<Omit<WorkspaceProjectPage, 'nodes'>> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_BOARD_PAGE) throw new AtlasError(ErrorCode.PAGE_TOO_LARGE, `first must be between 1 and ${MAX_BOARD_PAGE}; got ${first}`, { field: 'first', max: MAX_BOARD_PAGE });
    if (!Number.isInteger(offset) || offset < 0) throw invalid('offset', 'must be a whole number ≥ 0');
    const [[totals], ids] = await Promise.all([
      this.db.query<{ n: number; agreed: number; funds: number }[]>(WORKSPACE_PROJECT_TOTALS, [w.chainIds, w.asOf]),
      this.db.query<{ id: number }[]>(WORKSPACE_PROJECT_PAGE, [w.chainIds, first, offset]),
    ]);
    return { totalCount: totals.n, agreedInvestment: Number(totals.agreed), fundsInPlace: Number(totals.funds), projectIds: ids.map((r) => Number(r.id)) };
  }

  async pipelineMap(w: ChainWorkspace): Promise<PipelineCity[]> {
    const rows = await this.db.query<{ city: string; location: Geometry; n: number; destinations: { to: Geometry; count: number }[] }[]>(PIPELINE_MAP, [w.chainIds]);
    return rows.map((r) => ({ city: r.city, location: r.location, count: r.n, destinations: r.destinations }));
  }

  async mappingSuggestions(chainId: number, first: number) {
    if (first < 1 || first > 500) throw new AtlasError(ErrorCode.PAGE_TOO_LARGE, 'first must be between 1 and 500', { field: 'first' });
    const rows: { node_id: number; enterprise_id: number; by_industry: boolean; industry_code: string | null; keyword: string | null }[] =
      await this.db.query(MAPPING_SUGGESTIONS, [chainId, first]);
    return rows.map((r) => ({
      enterpriseId: Number(r.enterprise_id), chainNodeId: Number(r.node_id),
      reason: r.by_industry ? `industry:${r.industry_code}` : `keyword:${r.keyword}`,
    }));
  }

  /** Confirms a firm-to-node mapping: the enterprise now counts toward the node's gap status. */
  async confirmMapping(user: AuthUser, enterpriseIdArg: string, nodeIdArg: string, output: number | null | undefined) {
    assertPipelineRole(user);
    return this.db.transaction(async (em) => {
      const { nodeId, enterpriseId } = await this.mappingTarget(em, user, enterpriseIdArg, nodeIdArg);
      assertAmount('output', output, '万元/年');
      const [e] = await em.query(ENTERPRISE_LOCALITY, [enterpriseId]);
      if (!e.is_local) throw invalid('enterpriseId', `enterprise ${enterpriseId} is not local; outside enterprises are candidates, not presence — add it as a target instead`);
      const [dup] = await em.query(MAPPING_EXISTS, [enterpriseId, nodeId]);
      if (dup) throw new AtlasError(ErrorCode.CONFLICT, `enterprise ${enterpriseId} is already mapped to node ${nodeId}`);
      await em.query(INSERT_MAPPING, [enterpriseId, nodeId, output ?? null]);
      await em.query(DELETE_MAPPING_REJECTION, [enterpriseId, nodeId]);
      const after = { enterpriseId, chainNodeId: nodeId, output: output ?? null };
      await recordAudit(em, user, 'confirm_mapping', 'enterprise_chain_node', `${enterpriseId}:${nodeId}`, null, after);
      return after;
    });
  }

  /** Rejects a suggested mapping so it is not suggested again. */
  async rejectMapping(user: AuthUser, enterpriseIdArg: string, nodeIdArg: string, reason: string) {
    assertPipelineRole(user);
    return this.db.transaction(async (em) => {
      const { nodeId, enterpriseId } = await this.mappingTarget(em, user, enterpriseIdArg, nodeIdArg);
      if (!reason?.trim()) throw invalid('reason', 'say why the enterprise does not belong to this node');
      const [dup] = await em.query(MAPPING_REJECTION_EXISTS, [enterpriseId, nodeId]);
      if (dup) throw new AtlasError(ErrorCode.CONFLICT, `the mapping of enterprise ${enterpriseId} to node ${nodeId} is already rejected`);
      await em.query(INSERT_MAPPING_REJECTION, [enterpriseId, nodeId, reason.trim(), user.id]);
      const after = { enterpriseId, chainNodeId: nodeId, reason: reason.trim() };
      await recordAudit(em, user, 'reject_mapping', 'node_mapping_rejection', `${enterpriseId}:${nodeId}`, null, after);
      return after;
    });
  }

  private async mappingTarget(em: EntityManager, user: AuthUser, enterpriseIdArg: string, nodeIdArg: string) {
    const nodeId = parseId('chainNodeId', nodeIdArg);
    const chainId = await this.chainOfNode(em, nodeId);
    assertChainScope(user, chainId);
    const enterpriseId = parseId('enterpriseId', enterpriseIdArg);
    const [e] = await em.query(ENTERPRISE_EXISTS, [enterpriseId]);
    if (!e) throw new AtlasError(ErrorCode.NOT_FOUND, `enterpriseId: Enterprise ${enterpriseId} does not exist`, { field: 'enterpriseId', entity: 'Enterprise', id: String(enterpriseId) });
    return { nodeId, enterpriseId, chainId };
  }

  private async chainOfNode(em: EntityManager, nodeId: number): Promise<number> {
    const [n] = await em.query(NODE_CHAIN, [nodeId]);
    if (!n) throw new AtlasError(ErrorCode.NOT_FOUND, `chainNodeId: ChainNode ${nodeId} does not exist`, { field: 'chainNodeId', entity: 'ChainNode', id: String(nodeId) });
    return Number(n.chain_id);
  }

  async addTarget(user: AuthUser, input: AddTargetInput): Promise<TargetEnterprise> {
    assertPipelineRole(user);
    return this.db.transaction(async (em) => {
      const nodeId = parseId('chainNodeId', input.chainNodeId);
      assertChainScope(user, await this.chainOfNode(em, nodeId));
      const enterpriseId = parseId('enterpriseId', input.enterpriseId);
      const [e] = await em.query(ENTERPRISE_LOCALITY, [enterpriseId]);
      if (!e) throw new AtlasError(ErrorCode.NOT_FOUND, `enterpriseId: Enterprise ${enterpriseId} does not exist`, { field: 'enterpriseId', entity: 'Enterprise', id: String(enterpriseId) });
      if (e.is_local) throw invalid('enterpriseId', `enterprise ${enterpriseId} is local; targets are outside enterprises to recruit (map a local one to the node instead)`);
      const ownerOfficialId = input.ownerOfficialId != null ? parseId('ownerOfficialId', input.ownerOfficialId) : null;
      const ownerTeam = trimmed(input.ownerTeam);
      if (ownerOfficialId === null && ownerTeam === null) throw invalid('ownerOfficialId', 'give an owner: an official, a 招商小分队 (ownerTeam) or both');
      if (ownerOfficialId !== null) {
        const [o] = await em.query(OFFICIAL_EXISTS, [ownerOfficialId]);
        if (!o) throw new AtlasError(ErrorCode.NOT_FOUND, `ownerOfficialId: Official ${ownerOfficialId} does not exist`, { field: 'ownerOfficialId', entity: 'Official', id: String(ownerOfficialId) });
      }
      const today = todayInChina();
      if (input.nextActionDue && input.nextActionDue < today) throw new AtlasError(ErrorCode.INVALID_DATE, `nextActionDue ${input.nextActionDue} is before today (${today}); give a date to come`, { field: 'nextActionDue' });
      const [dup] = await em.query(TARGET_OF_ENTERPRISE_NODE, [enterpriseId, nodeId]);
      if (dup) throw new AtlasError(ErrorCode.CONFLICT, `enterprise ${enterpriseId} is already target ${dup.id} of node ${nodeId}`, { targetId: String(dup.id) });
      const res = await em.getRepository(TargetEnterprise).insert({
        enterpriseId, chainNodeId: nodeId, status: TargetStatus.LEAD, ownerOfficialId, ownerTeam,
        nextAction: trimmed(input.nextAction), nextActionDue: input.nextActionDue ?? null, createdOn: today,
      });
      const id = res.identifiers[0].id as number;
      await em.query(INSERT_FIRST_TARGET_STATUS, [id, TargetStatus.LEAD, today, user.id]);
      const after = (await em.getRepository(TargetEnterprise).findOneBy({ id }))!;
      await recordAudit(em, user, 'create', 'target_enterprise', id, null, after);
      return after;
    });
  }

  private async lockTarget(em: EntityManager, user: AuthUser, idArg: string): Promise<LockedTarget> {
    const id = parseId('targetId', idArg);
    const [t] = await em.query(LOCK_TARGET, [id]);
    if (!t) throw notFound('TargetEnterprise', id);
    assertChainScope(user, Number(t.chain_id));
    return { ...t, id: Number(t.id), chain_id: Number(t.chain_id), enterprise_id: Number(t.enterprise_id), chain_node_id: Number(t.chain_node_id), project_id: t.project_id === null ? null : Number(t.project_id) };
  }

  private async setNextAction(em: EntityManager, id: number, nextAction: string | null | undefined, due: string | null | undefined) {
    const today = todayInChina();
    if (due && due < today) throw new AtlasError(ErrorCode.INVALID_DATE, `nextActionDue ${due} is before today (${today}); give a date to come`, { field: 'nextActionDue' });
    const cols: Partial<TargetEnterprise> = {};
    if (nextAction !== undefined) cols.nextAction = trimmed(nextAction);
    if (due !== undefined) cols.nextActionDue = due;
    if (Object.keys(cols).length) await em.getRepository(TargetEnterprise).update({ id }, cols);
  }

  async logActivity(user: AuthUser, input: LogTargetActivityInput): Promise<TargetActivity> {
    assertPipelineRole(user);
    return this.db.transaction(async (em) => {
      const t = await this.lockTarget(em, user, input.targetId);
      const today = todayInChina();
      if (input.occurredOn > today) throw new AtlasError(ErrorCode.INVALID_DATE, `occurredOn ${input.occurredOn} is in the future; log an activity once it has happened`, { field: 'occurredOn' });
      if (input.occurredOn < t.created_on) throw new AtlasError(ErrorCode.INVALID_DATE, `occurredOn ${input.occurredOn} is before the target was created (${t.created_on})`, { field: 'occurredOn' });
      if (!input.note?.trim()) throw invalid('note', 'say what happened');
      if (t.status === TargetStatus.DROPPED) throw invalid('targetId', `target ${t.id} was dropped (淘汰); it takes no more activity`);
      const before = await em.getRepository(TargetEnterprise).findOneBy({ id: t.id });
      await this.setNextAction(em, t.id, input.nextAction, input.nextActionDue);
      const res = await em.getRepository(TargetActivity).insert({
        targetId: t.id, kind: input.kind, occurredOn: input.occurredOn, note: input.note.trim(), participants: trimmed(input.participants), recordedBy: user.id,
      });
      const row = (await em.getRepository(TargetActivity).findOneBy({ id: res.identifiers[0].id as number }))!;
      const after = await em.getRepository(TargetEnterprise).findOneBy({ id: t.id });
      await recordAudit(em, user, 'log_activity', 'target_activity', row.id, null, { activity: row, targetBefore: before, targetAfter: after });
      return row;
    });
  }

  async moveStatus(user: AuthUser, input: MoveTargetStatusInput): Promise<TargetEnterprise> {
    assertPipelineRole(user);
    return this.db.transaction(async (em) => {
      const t = await this.lockTarget(em, user, input.targetId);
      const allowed = allowedTargetMoves(t.status);
      if (!allowed.includes(input.to)) {
        throw new AtlasError(ErrorCode.ILLEGAL_STATUS_MOVE,
          allowed.length ? `A target at ${up(t.status)} can move only to ${allowed.map(up).join(' or ')}, not ${up(input.to)}` : `A target at ${up(t.status)} is closed and cannot move`,
          { from: t.status, to: input.to, allowed });
      }
      const on = input.on ?? todayInChina();
      if (on > todayInChina()) throw new AtlasError(ErrorCode.INVALID_DATE, `on ${on} is in the future; record a move when it has happened`, { field: 'on' });
      const previous = t.last_status_on ?? t.created_on;
      if (on < previous) throw new AtlasError(ErrorCode.STAGE_DATE_OUT_OF_ORDER, `${input.to} on ${on} is before the previous move on ${previous}; give a date on or after it`, { previousDate: previous });
      const reason = trimmed(input.reason);
      if (input.to === TargetStatus.DROPPED && !reason) throw invalid('reason', 'say why the target is dropped (淘汰)');
      const before = await em.getRepository(TargetEnterprise).findOneBy({ id: t.id });
      await em.query(INSERT_TARGET_STATUS_EVENT, [t.id, input.to, on, reason, user.id]);
      await em.getRepository(TargetEnterprise).update({ id: t.id }, { status: input.to, ...(input.to === TargetStatus.DROPPED ? { nextAction: null, nextActionDue: null } : {}) });
      const after = (await em.getRepository(TargetEnterprise).findOneBy({ id: t.id }))!;
      await recordAudit(em, user, 'move_status', 'target_enterprise', t.id, before, { ...after, statusEnteredOn: on, reason });
      return after;
    });
  }

  /** Creates the project a target at 洽谈 or 签约 turns into: investor, node, introducing unit and the link back, in one transaction. */
  async convert(user: AuthUser, input: ConvertTargetInput): Promise<number> {
    assertPipelineRole(user);
    return this.db.transaction(async (em) => {
      const t = await this.lockTarget(em, user, input.targetId);
      if (t.status !== TargetStatus.NEGOTIATING && t.status !== TargetStatus.SIGNED) {
        throw new AtlasError(ErrorCode.ILLEGAL_STATUS_MOVE, `Only a target at NEGOTIATING or SIGNED becomes a project; target ${t.id} is at ${up(t.status)}`, { from: t.status });
      }
      if (t.project_id !== null) throw new AtlasError(ErrorCode.CONFLICT, `target ${t.id} already became project ${t.project_id}`, { projectId: String(t.project_id) });
      const unitId = parseId('introducingUnitId', input.introducingUnitId);
      const [unit] = await em.query(ASSESSMENT_UNIT_EXISTS, [unitId]);
      if (!unit) throw new AtlasError(ErrorCode.NOT_FOUND, `introducingUnitId: AssessmentUnit ${unitId} does not exist`, { field: 'introducingUnitId', entity: 'AssessmentUnit', id: String(unitId) });
      const category = input.categoryCode ?? 'manufacturing';
      const cats: string[] = (await em.query(ASSESSMENT_CATEGORY_CODES)).map((r: { code: string }) => r.code);
      if (!cats.includes(category)) throw invalid('categoryCode', `"${category}" is not an assessment category; use one of ${cats.join(', ')}`);
      const parkId = input.parkId != null ? parseId('parkId', input.parkId) : null;
      if (parkId !== null) {
        const [p] = await em.query(PARK_EXISTS, [parkId]);
        if (!p) throw new AtlasError(ErrorCode.NOT_FOUND, `parkId: Park ${parkId} does not exist`, { field: 'parkId', entity: 'Park', id: String(parkId) });
      }
      assertAmount('agreedInvestment', input.agreedInvestment, '万元');
      if (input.name !== undefined && input.name !== null && !input.name.trim()) throw invalid('name', 'must not be empty');
      const [names] = await em.query(TARGET_NAMES, [t.enterprise_id, t.chain_node_id]);
      const name = input.name?.trim() || `${String(names.enterprise).replace(/(集团|股份)?有限公司$/, '')}${names.node}项目`;
      // Stage dates follow the target's own history: 线索 when it was created, 在谈 / 签约 when it reached them.
      const events: { status: TargetStatus; entered_on: string }[] = await em.query(TARGET_STATUS_DATES, [t.id]);
      const at = (s: TargetStatus) => events.find((e) => e.status === s)?.entered_on;
      const today = todayInChina();
      const signedOn = at(TargetStatus.SIGNED) ?? today;
      const negotiatingOn = at(TargetStatus.NEGOTIATING) ?? signedOn;
      const stages: [string, string][] = [['lead', t.created_on], ['negotiating', negotiatingOn < t.created_on ? t.created_on : negotiatingOn]];
      if (t.status === TargetStatus.SIGNED) stages.push(['signed', signedOn < stages[1][1] ? stages[1][1] : signedOn]);
      const stage = stages[stages.length - 1][0];
      const [{ id }] = await em.query(NEXT_PROJECT_ID);
      const code = `P${stages[0][1].slice(0, 4)}-${String(id).padStart(4, '0')}`;
      await em.query(INSERT_PROJECT_FROM_TARGET, [id, code, name, unitId, category, stage, t.enterprise_id, t.chain_node_id, t.id, parkId, input.agreedInvestment ?? null]);
      await em.query(PLACE_PROJECT_IN_PARK, [id]);
      for (const [s, on] of stages) await em.query(INSERT_PROJECT_STAGE_EVENT, [id, s, on, user.id]);
      const [after] = await em.query(PROJECT_AUDIT_ROW, [id]);
      await recordAudit(em, user, 'convert_target', 'project', id, null, { ...after, stages });
      return Number(id);
    });
  }
}
