import type { DataSource, EntityManager } from 'typeorm';
import { usccProblem } from '@atlas/db';
import { assertAmount, MAX_AMOUNT_12_2 } from '../../common/amounts';
import { recordAudit } from '../../common/audit';
import { AtlasError, ErrorCode, forbidden, invalid, notFound } from '../../common/errors';
import { targetChainScope } from '../target';
import { applySpatialFilter, parseId } from '../../common/filters';
import { assertValidGeometry } from '../../common/geometry';
import { listPage } from '../../common/listing';
import type { Page } from '../../common/pagination';
import { SqlBuilder } from '../../common/sql-builder';
import type { AuthUser } from '../../auth/auth-user';
import { assertCanEditProject } from '../../auth/policy';
import { FundArrival, Project, ProjectStage, ProjectStageEvent } from './project.entity';
import type { CreateProjectInput, ProjectAttributesInput, ProjectFilter, RecordFundArrivalInput, UpdateProjectInput } from './project.inputs';
import { todayInChina } from '../../common/dates';
import { allowedMoves, isSignedOrLater } from './project-stage';
import { CATEGORY_CODES, CHAIN_OF_NODE, CHAIN_OF_TARGET_ID, EXISTING_IDS, INSERT_PROJECT, LOCK_PROJECT_WITH_LAST_EVENT, NEXT_PROJECT_ID, PLACE_IN_PARK_IF_UNLOCATED, PROJECT_AGREED_AT_LEAST, PROJECT_BELOW_FLOOR, PROJECT_BY_INVESTOR, PROJECT_BY_UNIT, PROJECT_CATEGORY_IN, PROJECT_ID_IN, PROJECT_IN_CHAIN, PROJECT_IN_PARK, PROJECT_ON_NODE, PROJECT_SIGNED_BETWEEN, PROJECT_STAGE_IN, REGION_OF_PARK, REGION_OF_POINT, VOUCHER_IN_USE } from './project.sql';

const AMOUNT_FIELDS: [keyof ProjectAttributesInput, string, number?][] = [
  ['agreedInvestment', '万元'], ['plannedTotalInvestment', '万元'], ['fixedAssetInvestment', '万元'], ['foreignInvestment', '万美元'],
  ['registeredCapital', '万元'], ['landNeedMu', '亩', MAX_AMOUNT_12_2], ['expectedAnnualOutput', '万元'], ['expectedAnnualTax', '万元'],
];

const REFERENCES: [keyof ProjectAttributesInput | 'introducingUnitId', string, string][] = [
  ['investorId', 'enterprise', 'Enterprise'], ['parkId', 'park', 'Park'], ['parcelId', 'parcel', 'Parcel'],
  ['chainNodeId', 'chain_node', 'ChainNode'], ['responsibleLeaderId', 'official', 'Official'], ['serviceOfficerId', 'official', 'Official'],
  ['targetEnterpriseId', 'target_enterprise', 'TargetEnterprise'], ['introducingUnitId', 'assessment_unit', 'AssessmentUnit'],
];

/** Stage names as the API spells them. */
const up = (s: string) => s.toUpperCase();

type Columns = Partial<Record<keyof Project, unknown>>;

/** The list filter as SQL clauses over alias `t`; shared by the list and the aggregates. */
export function applyProjectFilter(b: SqlBuilder, filter: ProjectFilter | undefined): void {
  applySpatialFilter(b, filter, 't.location', 't.name');
  if (filter?.ids) b.and(PROJECT_ID_IN(b.param(filter.ids.map((id) => parseId('ids', id)))));
  if (filter?.stages?.length) b.and(PROJECT_STAGE_IN(b.param(filter.stages)));
  if (filter?.introducingUnitId != null) b.and(PROJECT_BY_UNIT(b.param(parseId('introducingUnitId', filter.introducingUnitId))));
  if (filter?.parkId != null) b.and(PROJECT_IN_PARK(b.param(parseId('parkId', filter.parkId))));
  if (filter?.chainNodeId != null) b.and(PROJECT_ON_NODE(b.param(parseId('chainNodeId', filter.chainNodeId))));
  if (filter?.investorId != null) b.and(PROJECT_BY_INVESTOR(b.param(parseId('investorId', filter.investorId))));
  if (filter?.chainId != null) b.and(PROJECT_IN_CHAIN(b.param(parseId('chainId', filter.chainId))));
  if (filter?.categoryCodes?.length) b.and(PROJECT_CATEGORY_IN(b.param(filter.categoryCodes)));
  if (filter?.minAgreedInvestment !== undefined && filter.minAgreedInvestment !== null) b.and(PROJECT_AGREED_AT_LEAST(b.param(filter.minAgreedInvestment)));
  if (filter?.signedFrom || filter?.signedTo) {
    const from = b.param(filter.signedFrom ?? null);
    const to = b.param(filter.signedTo ?? null);
    b.and(PROJECT_SIGNED_BETWEEN(from, to));
  }
  if (filter?.belowIntensityFloor !== undefined && filter.belowIntensityFloor !== null) {
    b.and(filter.belowIntensityFloor ? PROJECT_BELOW_FLOOR : `NOT ${PROJECT_BELOW_FLOOR}`);
  }
}

/** Projects: filing, editing, lifecycle moves and fund arrivals, each validated, scoped by role, audited, all-or-nothing. */
export class ProjectService {
  constructor(private readonly db: DataSource) {}

  list(filter: ProjectFilter | undefined, page: Page, columns?: string[]) {
    const b = new SqlBuilder();
    applyProjectFilter(b, filter);
    return listPage(this.db, Project, 'project', b, page, columns);
  }

  async create(user: AuthUser, input: CreateProjectInput): Promise<Project> {
    const unitId = parseId('introducingUnitId', input.introducingUnitId);
    const chainNodeId = input.chainNodeId != null ? parseId('chainNodeId', input.chainNodeId) : null;
    return this.db.transaction(async (em) => {
      // Permission first: a caller who may not file here learns nothing from the checks below.
      assertCanEditProject(user, { introducingUnitId: unitId, chainId: await this.chainOf(em, chainNodeId) });
      if (!input.name?.trim()) throw invalid('name', 'must not be empty');
      const leadOn = input.leadOn ?? todayInChina();
      if (leadOn > todayInChina()) throw new AtlasError(ErrorCode.INVALID_DATE, `leadOn ${leadOn} is in the future`, { field: 'leadOn' });
      const cols = await this.validateAttributes(input, null);
      await this.assertCategory(em, input.categoryCode);
      await this.assertReferences(em, { ...input });
      await this.assertTargetInScope(em, user, cols.targetEnterpriseId as number | null | undefined);
      const region = await this.regionFor(em, cols);
      // Take the id first so the default code (P<year>-<id>) is written in the same insert; TypeORM would drop an explicit generated id.
      const [{ id }] = await em.query(NEXT_PROJECT_ID);
      await em.query(INSERT_PROJECT, [id, input.code?.trim() || `P${leadOn.slice(0, 4)}-${String(id).padStart(4, '0')}`, input.name.trim(), unitId, input.categoryCode]);
      const rest = { ...cols, ...(region !== undefined ? { regionId: region } : {}) };
      if (Object.keys(rest).length) await em.getRepository(Project).update({ id }, rest as never);
      await em.query(PLACE_IN_PARK_IF_UNLOCATED, [id]);
      await em.getRepository(ProjectStageEvent).insert({ projectId: id, stage: ProjectStage.LEAD, enteredOn: leadOn, actorId: user.id });
      const after = (await em.getRepository(Project).findOneBy({ id }))!;
      await recordAudit(em, user, 'create', 'project', id, null, after);
      return after;
    });
  }

  async update(user: AuthUser, id: number, input: UpdateProjectInput): Promise<Project> {
    return this.db.transaction(async (em) => {
      const before = await em.getRepository(Project).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw notFound('Project', id);
      assertCanEditProject(user, { introducingUnitId: before.introducingUnitId, chainId: await this.chainOf(em, before.chainNodeId) });
      if (input.name !== undefined && input.name !== null && !input.name.trim()) throw invalid('name', 'must not be empty');
      const cols = await this.validateAttributes(input, before);
      if (input.categoryCode !== undefined && input.categoryCode !== null) { await this.assertCategory(em, input.categoryCode); cols.categoryCode = input.categoryCode; }
      if (input.introducingUnitId !== undefined && input.introducingUnitId !== null) cols.introducingUnitId = parseId('introducingUnitId', input.introducingUnitId);
      if (input.name) cols.name = input.name.trim();
      await this.assertReferences(em, { ...input });
      await this.assertTargetInScope(em, user, cols.targetEnterpriseId as number | null | undefined);
      const merged = { ...before, ...cols } as Project;
      // A scoped editor may not hand the project to a unit or chain outside their scope.
      assertCanEditProject(user, { introducingUnitId: merged.introducingUnitId, chainId: await this.chainOf(em, merged.chainNodeId) });
      const region = await this.regionFor(em, cols);
      if (region !== undefined) cols.regionId = region;
      if (Object.keys(cols).length) await em.getRepository(Project).update({ id }, { ...cols, updatedAt: new Date() } as never);
      await em.query(PLACE_IN_PARK_IF_UNLOCATED, [id]);
      const after = (await em.getRepository(Project).findOneBy({ id }))!;
      await recordAudit(em, user, 'update', 'project', id, before, after);
      return after;
    });
  }

  /** Moves a project to its next stage or an off-ramp on a date, never backwards in stage or time. */
  async moveStage(user: AuthUser, id: number, to: ProjectStage, on: string): Promise<Project> {
    return this.db.transaction(async (em) => {
      const [p] = await em.query(LOCK_PROJECT_WITH_LAST_EVENT, [id]);
      if (!p) throw notFound('Project', id);
      assertCanEditProject(user, { introducingUnitId: p.introducing_unit_id, chainId: p.chain_id });
      if (on > todayInChina()) throw new AtlasError(ErrorCode.INVALID_DATE, `date ${on} is in the future; record a stage when it has happened`, { field: 'on' });
      const allowed = allowedMoves(p.stage);
      if (!allowed.includes(to)) {
        throw new AtlasError(ErrorCode.ILLEGAL_STAGE_MOVE,
          allowed.length ? `A project in stage ${up(p.stage)} can move only to ${allowed.map(up).join(' or ')}, not ${up(to)}` : `A project in stage ${up(p.stage)} is final and cannot move`,
          { from: p.stage, to, allowed });
      }
      if (p.last_date && on < p.last_date) {
        throw new AtlasError(ErrorCode.STAGE_DATE_OUT_OF_ORDER, `${to} on ${on} is before the previous stage date ${p.last_date}; give a date on or after it`, { previousDate: p.last_date });
      }
      const before = await em.getRepository(Project).findOneBy({ id });
      await em.getRepository(ProjectStageEvent).insert({ projectId: id, stage: to, enteredOn: on, actorId: user.id });
      await em.getRepository(Project).update({ id }, { stage: to, updatedAt: new Date() });
      const after = (await em.getRepository(Project).findOneBy({ id }))!;
      await recordAudit(em, user, 'move_stage', 'project', id, before, { ...after, stageEnteredOn: on });
      return after;
    });
  }

  /** Records funds in place with their voucher; only for signed projects, never before the signing date. */
  async recordFundArrival(user: AuthUser, input: RecordFundArrivalInput): Promise<FundArrival> {
    const projectId = parseId('projectId', input.projectId);
    return this.db.transaction(async (em) => {
      const [p] = await em.query(LOCK_PROJECT_WITH_LAST_EVENT, [projectId]);
      if (!p) throw notFound('Project', projectId);
      assertCanEditProject(user, { introducingUnitId: p.introducing_unit_id, chainId: p.chain_id });
      assertAmount('amount', input.amount, '万元', { positive: true });
      assertAmount('foreignAmount', input.foreignAmount, '万美元');
      // The total is in 万元 and includes the foreign part converted; 1 万美元 is worth more than 1 万元, so the part can never exceed the total.
      if ((input.foreignAmount ?? 0) > input.amount) {
        throw new AtlasError(ErrorCode.INVALID_AMOUNT, `foreignAmount ${input.foreignAmount} 万美元 exceeds the total amount ${input.amount} 万元, which includes it converted`, { field: 'foreignAmount' });
      }
      if (!input.evidenceRef?.trim()) throw invalid('evidenceRef', 'give the voucher number (资金到帐凭证) that proves the arrival');
      if (input.arrivedOn > todayInChina()) throw new AtlasError(ErrorCode.INVALID_DATE, `arrivedOn ${input.arrivedOn} is in the future`, { field: 'arrivedOn' });
      if (!isSignedOrLater(p.stage)) throw invalid('projectId', `funds can be recorded only for signed projects; this one is ${p.stage}`);
      if (p.signed_on && input.arrivedOn < p.signed_on) {
        throw new AtlasError(ErrorCode.INVALID_DATE, `arrivedOn ${input.arrivedOn} is before the signing date ${p.signed_on}`, { field: 'arrivedOn' });
      }
      if (p.stage === ProjectStage.TERMINATED && input.arrivedOn > p.last_date) {
        throw new AtlasError(ErrorCode.INVALID_DATE, `arrivedOn ${input.arrivedOn} is after the project was terminated on ${p.last_date}; funds cannot arrive after termination`, { field: 'arrivedOn' });
      }
      const [dup] = await em.query(VOUCHER_IN_USE, [input.evidenceRef.trim()]);
      if (dup) throw new AtlasError(ErrorCode.CONFLICT, `evidenceRef: voucher "${input.evidenceRef.trim()}" is already recorded (fund arrival ${dup.id}); one voucher proves one arrival`, { field: 'evidenceRef' });
      const res = await em.getRepository(FundArrival).insert({
        projectId, arrivedOn: input.arrivedOn, amount: input.amount, foreignAmount: input.foreignAmount ?? 0, kind: input.kind,
        evidenceRef: input.evidenceRef.trim(), evidenceNote: input.evidenceNote?.trim() || null, recordedBy: user.id,
      });
      const row = (await em.getRepository(FundArrival).findOneBy({ id: res.identifiers[0].id as number }))!;
      await recordAudit(em, user, 'record_fund_arrival', 'fund_arrival', row.id, null, row);
      return row;
    });
  }

  /** Checks every attribute's form and returns the columns to write (only the ones given). */
  private async validateAttributes(input: ProjectAttributesInput, before: Project | null): Promise<Columns> {
    const cols: Columns = {};
    for (const [field, unit, max] of AMOUNT_FIELDS) {
      const v = input[field] as number | null | undefined;
      assertAmount(field, v, unit, { max });
      if (v !== undefined) cols[field as keyof Project] = v;
    }
    if (input.location !== undefined) {
      if (input.location !== null) await assertValidGeometry(this.db, 'location', input.location, ['Point']);
      cols.location = input.location;
    }
    if (input.companyUscc !== undefined || input.companyRegisteredOn !== undefined) {
      const uscc = input.companyUscc === undefined ? before?.companyUscc ?? null : input.companyUscc?.trim().toUpperCase() || null;
      const reg = input.companyRegisteredOn === undefined ? before?.companyRegisteredOn ?? null : input.companyRegisteredOn;
      if (uscc) {
        const problem = usccProblem(uscc);
        if (problem) throw new AtlasError(ErrorCode.INVALID_USCC, `companyUscc ${uscc}: ${problem}`, { field: 'companyUscc' });
      }
      if ((uscc === null) !== (reg === null)) throw invalid(uscc ? 'companyRegisteredOn' : 'companyUscc', 'give the company USCC and its registration date together (or clear both)');
      cols.companyUscc = uscc;
      cols.companyRegisteredOn = reg;
    }
    if (input.qualityTags !== undefined) cols.qualityTags = input.qualityTags ?? [];
    for (const [field] of REFERENCES) {
      if (field === 'introducingUnitId') continue;
      const v = input[field] as string | null | undefined;
      if (v !== undefined) cols[field as keyof Project] = v === null ? null : parseId(field, v);
    }
    return cols;
  }

  private async assertCategory(em: EntityManager, code: string) {
    const rows = await em.query(CATEGORY_CODES);
    const known = rows.map((r: { code: string }) => r.code);
    if (!known.includes(code)) throw invalid('categoryCode', `"${code}" is not an assessment category; use one of ${known.join(', ')}`);
  }

  private async assertReferences(em: EntityManager, input: Record<string, unknown>) {
    for (const [field, table, entity] of REFERENCES) {
      const v = input[field];
      if (v === undefined || v === null) continue;
      const id = parseId(field, v as string);
      const rows = await em.query(EXISTING_IDS(table), [[id]]);
      if (!rows.length) throw new AtlasError(ErrorCode.NOT_FOUND, `${field}: ${entity} ${id} does not exist`, { field, entity, id: String(id) });
    }
  }

  /** Write scope equals read scope: a chain leader may attach only targets on chains they lead. */
  private async assertTargetInScope(em: EntityManager, user: AuthUser, targetId: number | null | undefined) {
    const scope = targetChainScope(user);
    if (!scope || !targetId) return;
    const [row] = await em.query(CHAIN_OF_TARGET_ID, [targetId]);
    if (row && !scope.includes(Number(row.chain_id))) throw forbidden(`attach target enterprise ${targetId}: it is on another chain than yours`);
  }

  private async chainOf(em: EntityManager, chainNodeId: number | null | undefined): Promise<number | null> {
    if (!chainNodeId) return null;
    const [row] = await em.query(CHAIN_OF_NODE, [chainNodeId]);
    return row ? Number(row.chain_id) : null;
  }

  /** The location region from the point, else from the park; undefined when neither changed. */
  private async regionFor(em: EntityManager, cols: Columns): Promise<number | null | undefined> {
    if (cols.location) {
      const [r] = await em.query(REGION_OF_POINT, [JSON.stringify(cols.location)]);
      if (r) return Number(r.id);
    }
    if (cols.parkId) {
      const [r] = await em.query(REGION_OF_PARK, [cols.parkId]);
      if (r) return Number(r.id);
    }
    return undefined;
  }
}
