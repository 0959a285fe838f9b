import type { DataSource, EntityManager } from 'typeorm';
import { assertAmount } from '../../common/amounts';
import { recordAudit } from '../../common/audit';
import { todayInChina } from '../../common/dates';
import { AtlasError, ErrorCode, forbidden, invalid, notFound } from '../../common/errors';
import { parseId } from '../../common/filters';
import { localDateProblem } from '../../common/local-date.scalar';
import { Role, type AuthUser } from '../../auth/auth-user';
import { AssessmentUnit, assertYear, type UnitKind } from '../unit';
import { workbookOf } from '../ledger';
import { curveAt, periodRange, type PeriodSpec } from './assessment-period';
import type {
  AssessmentRule, BackdatedArrival, CreditLine, LateEdit, LateEntry, MonthStartRate, RateCohortEntry, RateRow, UnitScore,
} from './assessment.entity';
import { AssessmentRanking, ProjectListPage, RankingRevision, RateGroup, UnitScore as UnitScoreClass } from './assessment.entity';
import type { AnnualTargetInput, AssessmentCoefficientInput, AssessmentRuleInput, AssessmentUnitInput, ProjectListFilter } from './assessment.inputs';
import {
  BACKDATED_ARRIVALS, CREDIT_DRILL_DOWN, LATE_EDITS, LATE_ENTRIES, NO_JIT, PROJECT_EXPORT_COLUMNS,
  PROJECT_LIST, type ProjectListOrder, RANKING, RATES, RATE_COHORT, RULE_OF_YEAR, START_RATE_BY_MONTH,
  UNIT_NAMES, ENSURE_RULE_YEAR, UPDATE_RULE, CATEGORY_EXISTS, COEFFICIENT_OF_YEAR, UPSERT_COEFFICIENT,
  UNIT_EXISTS, ANNUAL_TARGET_OF_UNIT, UPSERT_ANNUAL_TARGET, REGION_EXISTS, UNIT_CLASH, UNIT_AUDIT_ROW,
  UPDATE_UNIT, INSERT_UNIT,
} from './assessment.sql';

/** When a figure is computed: the event date it is as of, and optionally only what had been recorded by a moment. */
export interface AsOf { asOf?: string | null; recordedBy?: Date | null }

function resolveAsOf(a: AsOf): { asOf: string; recordedBy: Date | null } {
  const asOf = a.asOf ?? todayInChina();
  const problem = localDateProblem(asOf);
  if (problem) throw invalid('asOf', problem, ErrorCode.INVALID_DATE);
  if (a.recordedBy && Number.isNaN(a.recordedBy.getTime())) throw invalid('recordedBy', 'is not a valid timestamp', ErrorCode.INVALID_DATE);
  return { asOf, recordedBy: a.recordedBy ?? null };
}

const bottomThree = (rows: UnitScore[]) => [...rows].sort((a, b) => a.score - b.score || b.code.localeCompare(a.code)).slice(0, 3);

/** 考核: rates, credited amounts, scores and rankings for any as-of date, and the configuration they read. */
export class AssessmentService {
  constructor(private readonly db: DataSource) {}

  /**
   * Runs a figure's statement. As recorded by a moment, the rebuilt tables (functions over the audit log) carry row
   * estimates far above the real dozens of rows, which crosses jit_above_cost: compiling then takes seconds for a
   * query that runs in milliseconds, so that path runs without JIT (SET LOCAL: this transaction only).
   */
  private async read<T>(sql: string, params: unknown[], recordedBy: Date | null): Promise<T[]> {
    if (!recordedBy) return this.db.query(sql, params);
    return this.db.transaction(async (em) => {
      await em.query(NO_JIT);
      return em.query(sql, params);
    });
  }

  /** The rules of a year, as recorded by `recordedBy` when given. */
  async rule(year: number, em: EntityManager | DataSource = this.db, recordedBy: Date | null = null): Promise<AssessmentRule> {
    const [r] = await em.query(RULE_OF_YEAR(recordedBy !== null), recordedBy ? [assertYear(year), recordedBy] : [assertYear(year)]);
    if (!r) throw new AtlasError(ErrorCode.NOT_FOUND, `The assessment of ${year} is not configured; an admin sets it with setAssessmentRule`, { entity: 'AssessmentRule', id: String(year) });
    return r;
  }

  /** The ranking of a year as of a date, districts/counties and departments separately, bottom three named. */
  async ranking(year: number, when: AsOf): Promise<AssessmentRanking> {
    const { asOf, recordedBy } = resolveAsOf(when);
    type Row = UnitScore & { unitName: string; unitRegionId: number | null; rule: AssessmentRule };
    const found = await this.read<Row>(RANKING(recordedBy !== null), [year, asOf, recordedBy], recordedBy);
    // No row: no unit has a target that year, or the year is not configured (then rule() says so).
    const rule = found[0]?.rule ?? await this.rule(year, this.db, recordedBy);
    const rows = found.map(({ unitName, unitRegionId, rule: _rule, ...score }) => Object.assign(new UnitScoreClass(), score, {
      unit: Object.assign(new AssessmentUnit(), { id: score.unitId, code: score.code, name: unitName, kind: score.kind as UnitKind, regionId: unitRegionId }),
    }));
    const districts = rows.filter((r) => r.kind === 'district');
    const departments = rows.filter((r) => r.kind === 'department');
    return Object.assign(new AssessmentRanking(), {
      year, asOf, recordedBy, rule, districts, departments, bottomDistricts: bottomThree(districts), bottomDepartments: bottomThree(departments),
    });
  }

  /** The fund arrivals and coefficients behind one unit's credited amounts. */
  async creditLines(unitId: number, year: number, when: AsOf): Promise<CreditLine[]> {
    const { asOf, recordedBy } = resolveAsOf(when);
    const rule = await this.rule(year, this.db, recordedBy);
    return this.read<CreditLine>(CREDIT_DRILL_DOWN(recordedBy !== null), [year, asOf, recordedBy, unitId, rule.backdateDays], recordedBy);
  }

  /** Arrivals of a year recorded more than `thresholdDays` (default: the year's backdateDays) after the date they claim. */
  async backdated(year: number, asOf: string | null | undefined, thresholdDays: number | null | undefined): Promise<BackdatedArrival[]> {
    const when = resolveAsOf({ asOf });
    const days = thresholdDays ?? (await this.rule(year)).backdateDays;
    if (!Number.isInteger(days) || days < 0) throw invalid('thresholdDays', `must be a whole number of days, 0 or more; got ${days}`);
    return this.db.query(BACKDATED_ARRIVALS, [year, when.asOf, days]);
  }

  /**
   * What changed in the ranking published at `publishedAt` because of what was recorded after it: late or back-dated
   * entries (arrivals, stage dates) and audited edits of the inputs (project attributes, rules, coefficients, targets, units).
   */
  async revision(year: number, asOf: string | null | undefined, publishedAt: Date): Promise<RankingRevision> {
    const then = await this.ranking(year, { asOf, recordedBy: publishedAt });
    const now = await this.ranking(year, { asOf });
    const thenBy = new Map([...then.districts, ...then.departments].map((r) => [r.unitId, r]));
    const changes = [...now.districts, ...now.departments].flatMap((n) => {
      const t = thenBy.get(n.unitId);
      if (t && t.rank === n.rank && t.score === n.score && t.creditedTotal === n.creditedTotal) return [];
      return [{ unitId: n.unitId, kind: n.kind, rankThen: t?.rank ?? null, rankNow: n.rank, scoreThen: t?.score ?? null, scoreNow: n.score, creditedThen: t?.creditedTotal ?? 0, creditedNow: n.creditedTotal }];
    });
    const lateEntries: LateEntry[] = await this.db.query(LATE_ENTRIES, [year, then.asOf, publishedAt]);
    const lateEdits: LateEdit[] = await this.db.query(LATE_EDITS, [year, then.asOf, publishedAt]);
    return Object.assign(new RankingRevision(), { year, asOf: then.asOf, publishedAt, changes, lateEntries, lateEdits });
  }

  async rates(period: PeriodSpec, when: AsOf, group: RateGroup): Promise<RateRow[]> {
    const { from, to } = periodRange(period);
    const { asOf, recordedBy } = resolveAsOf(when);
    const rows = await this.read<RateRow>(RATES(group, recordedBy !== null), [from, to, asOf, recordedBy], recordedBy);
    return rows.map((r: RateRow) => ({ ...r, group }));
  }

  async cohort(period: PeriodSpec, when: AsOf, group: RateGroup, groupId: string | null | undefined): Promise<RateCohortEntry[]> {
    const { from, to } = periodRange(period);
    const { asOf, recordedBy } = resolveAsOf(when);
    if (group === RateGroup.CITY) return this.read<RateCohortEntry>(RATE_COHORT(group, recordedBy !== null), [from, to, asOf, recordedBy], recordedBy);
    if (groupId == null) throw invalid('groupId', `is required for ${group} (the id of the unit, region or park)`);
    return this.read<RateCohortEntry>(RATE_COHORT(group, recordedBy !== null), [from, to, asOf, recordedBy, parseId('groupId', groupId)], recordedBy);
  }

  /** Start rate at each month end of a year up to as-of, with the year's target curve beside it. */
  async startRateByMonth(year: number, when: AsOf): Promise<MonthStartRate[]> {
    const { asOf, recordedBy } = resolveAsOf(when);
    const rule = await this.rule(year, this.db, recordedBy);
    const rows: { month: number; asOf: string; cohort: number; started: number }[] = await this.db.query(START_RATE_BY_MONTH, [year, asOf, recordedBy]);
    return rows.map((r) => ({
      ...r, rate: r.cohort ? Number((r.started / r.cohort).toFixed(6)) : null, target: curveAt(rule.startRateCurve, r.month),
    }));
  }

  /** Ranking, rates (city and by unit) and every unit's credit lines as one XLSX workbook. */
  async workbook(year: number, when: AsOf): Promise<{ fileName: string; content: Buffer }> {
    const r = await this.ranking(year, when);
    const names = new Map<number, string>((await this.db.query(UNIT_NAMES)).map((u: { id: number; name: string }) => [u.id, u.name]));
    const rankRows = (rows: UnitScore[]) => rows.map((s) => [s.rank, names.get(s.unitId) ?? s.code, s.targetTotalYi, s.creditedTotal, s.creditedOwn, s.creditedHosted,
      s.targetForeign, s.creditedForeign, s.targetCount, s.bigProjectCount, s.completionTotal, s.completionForeign, s.completionCount, s.score]);
    const rankHeader = ['名次', '单位', '目标(亿元)', '实际到位计分(万元)', '其中本单位(万元)', '其中落地分成(万元)', '外资目标(万美元)', '外资计分(万美元)',
      '亿元项目目标(个)', '亿元项目(个)', '总额完成率', '外资完成率', '亿元项目完成率', '综合得分'];
    const rates = await this.rates({ year }, when, RateGroup.UNIT);
    const city = await this.rates({ year }, when, RateGroup.CITY);
    const rateRow = (label: string, x: RateRow) => [label, x.cohort, x.fulfilled, x.started, x.producing, x.terminated, x.fundsInPlace, x.agreed, x.fulfilmentRate, x.startRate, x.productionRate, x.fundsRate];
    const lines: (string | number | null)[][] = [];
    for (const s of [...r.districts, ...r.departments]) {
      for (const l of await this.creditLines(s.unitId, year, when)) {
        lines.push([names.get(s.unitId) ?? s.code, l.projectId, l.arrivedOn, l.amount, l.foreignAmount, l.categoryCode, l.coefficient, l.share, String(l.role) === 'own' ? '本单位' : '落地分成', l.credited, l.creditedForeign, l.backdated ? '是' : '']);
      }
    }
    const title = `${year}年度招商引资考核（截至${r.asOf}${r.recordedBy ? `，按${r.recordedBy.toISOString()}前录入` : ''}）`;
    const content = await workbookOf([
      { name: '区县排名', title, header: rankHeader, rows: rankRows(r.districts) },
      { name: '市直部门排名', title, header: rankHeader, rows: rankRows(r.departments) },
      { name: '四率', title, header: ['范围', '签约项目数', '履约', '开工', '投产', '终止', '到位资金(万元)', '协议投资(万元)', '履约率', '开工率', '投产率', '资金到位率'],
        rows: [...city.map((x) => rateRow('全市', x)), ...rates.map((x) => rateRow(names.get(x.groupId!) ?? String(x.groupId), x))] },
      { name: '计分明细', title, header: ['计分单位', '项目ID', '到位日期', '到位金额(万元)', '外资(万美元)', '类别', '系数', '分成比例', '计分方式', '计分(万元)', '外资计分(万美元)', '补录'], rows: lines },
    ]);
    return { fileName: `考核-${year}-${r.asOf}.xlsx`, content };
  }

  /** The bureau's project list: filters, flags, totals over every match, sorted and paginated in SQL. */
  async projectList(filter: ProjectListFilter | undefined, sort: ProjectListOrder, limit: number, offset: number, asOf?: string | null): Promise<ProjectListPage> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new AtlasError(ErrorCode.PAGE_TOO_LARGE, `limit must be 1 to 500; got ${limit}`);
    if (!Number.isInteger(offset) || offset < 0) throw invalid('offset', `must be 0 or more; got ${offset}`);
    const when = resolveAsOf({ asOf }).asOf;
    const id = (f: string, v: string | undefined) => (v ? parseId(f, v) : null);
    const params = [when, id('unitId', filter?.unitId), id('regionId', filter?.regionId), id('parkId', filter?.parkId), id('chainId', filter?.chainId),
      filter?.categoryCode ?? null, filter?.stages?.length ? filter.stages : null, filter?.overdue ?? null, filter?.belowIntensityFloor ?? null,
      filter?.reminder ?? null, filter?.elimination ?? null, filter?.text?.trim() || null];
    const rows = await this.db.query(PROJECT_LIST(sort), [...params, limit, offset]);
    // Past the last page the totals still describe the whole set.
    const totalsRow = rows[0] ?? (offset > 0 ? (await this.db.query(PROJECT_LIST(sort), [...params, 1, 0]))[0] : undefined);
    return Object.assign(new ProjectListPage(), {
      totalCount: totalsRow?.totalCount ?? 0, totalAgreed: totalsRow?.totalAgreed ?? 0, totalFundsInPlace: totalsRow?.totalFunds ?? 0, rows,
    });
  }

  /** Every project the list filter matches, in the list's order, as XLSX. */
  async projectListWorkbook(filter: ProjectListFilter | undefined, sort: ProjectListOrder, asOf?: string | null): Promise<{ fileName: string; content: Buffer }> {
    const rows: ProjectListPage['rows'] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await this.projectList(filter, sort, 500, offset, asOf);
      rows.push(...page.rows);
      if (page.rows.length < 500) break;
    }
    const cols: Map<number, Record<string, string | number | null>> = new Map(
      (await this.db.query(PROJECT_EXPORT_COLUMNS, [rows.map((r) => r.id)])).map((c: { id: number }) => [c.id, c]));
    const yes = (b: boolean) => (b ? '是' : '');
    const when = resolveAsOf({ asOf }).asOf;
    const content = await workbookOf([{
      name: '项目清单', title: `招商项目清单（截至${when}，共${rows.length}个）`,
      header: ['项目编号', '项目名称', '引荐单位', '项目类别', '所在园区', '所在区县', '阶段', '协议投资(万元)', '签约日期', '到位资金(万元)', '节点逾期', '低于投资强度', '提醒', '拟淘汰'],
      rows: rows.map((r) => {
        const c = cols.get(r.id)!;
        return [c.code, c.name, c.unit, c.category, c.park, c.region, c.stage, c.agreed, r.signedOn, r.fundsInPlace, yes(r.overdue), yes(r.belowFloor), yes(r.reminder), yes(r.elimination)];
      }),
    }]);
    return { fileName: `项目清单-${when}.xlsx`, content };
  }

  // ------------------------------------------------------------ configuration (admin, audited)

  async setRule(user: AuthUser, input: AssessmentRuleInput): Promise<AssessmentRule> {
    assertAdmin(user);
    assertYear(input.year);
    const share = (f: string, v: number | undefined) => {
      if (v !== undefined && v !== null && (!Number.isFinite(v) || v < 0 || v > 1)) throw invalid(f, `must be from 0 to 1; got ${v}`);
    };
    share('hostShare', input.hostShare);
    for (const f of ['weightTotal', 'weightForeign', 'weightCount'] as const) share(f, input[f]);
    assertAmount('bigProjectThreshold', input.bigProjectThreshold, '万元', { positive: true });
    for (const f of ['reminderDays', 'eliminationDays', 'backdateDays'] as const) {
      const v = input[f];
      if (v !== undefined && v !== null && (!Number.isInteger(v) || v < 1 || v > 3650)) throw invalid(f, `must be a whole number of days from 1 to 3650; got ${v}`);
    }
    if (input.startRateCurve) {
      const months = new Set<number>();
      for (const p of input.startRateCurve) {
        if (!Number.isInteger(p.month) || p.month < 1 || p.month > 12 || months.has(p.month)) throw invalid('startRateCurve', `months must be distinct, 1 to 12; got ${p.month}`);
        if (!Number.isFinite(p.rate) || p.rate < 0 || p.rate > 1) throw invalid('startRateCurve', `rates must be from 0 to 1; got ${p.rate} for month ${p.month}`);
        months.add(p.month);
      }
    }
    return this.db.transaction(async (em) => {
      await em.query(ENSURE_RULE_YEAR, [input.year]);
      const before = await this.rule(input.year, em);
      const after = { ...before };
      for (const k of ['hostShare', 'bigProjectThreshold', 'weightTotal', 'weightForeign', 'weightCount', 'reminderDays', 'eliminationDays', 'backdateDays', 'startRateCurve'] as const) {
        if (input[k] !== undefined && input[k] !== null) (after as Record<string, unknown>)[k] = k === 'startRateCurve' ? [...input.startRateCurve!].sort((a, b) => a.month - b.month).map((p) => ({ month: p.month, rate: p.rate })) : input[k];
      }
      if (after.weightTotal + after.weightForeign + after.weightCount <= 0) throw invalid('weights', 'at least one weight must be above 0');
      await em.query(
        UPDATE_RULE,
        [input.year, after.hostShare, after.bigProjectThreshold, after.weightTotal, after.weightForeign, after.weightCount,
          after.reminderDays, after.eliminationDays, after.backdateDays, JSON.stringify(after.startRateCurve)],
      );
      await recordAudit(em, user, 'set_rule', 'assessment_rule', input.year, before, after);
      return this.rule(input.year, em);
    });
  }

  async setCoefficient(user: AuthUser, input: AssessmentCoefficientInput) {
    assertAdmin(user);
    assertYear(input.year);
    if (!Number.isFinite(input.coefficient) || input.coefficient < 0 || input.coefficient > 1 || Number(input.coefficient.toFixed(3)) !== input.coefficient) {
      throw invalid('coefficient', `must be from 0 to 1 with at most 3 decimals (0.7 = 70%, 0 = excluded); got ${input.coefficient}`);
    }
    return this.db.transaction(async (em) => {
      const [cat] = await em.query(CATEGORY_EXISTS, [input.categoryCode]);
      if (!cat) throw notFound('AssessmentCategory', input.categoryCode);
      const [before] = await em.query(COEFFICIENT_OF_YEAR, [input.year, input.categoryCode]);
      const basis = input.basis ?? before?.basis ?? 'funds_in_place';
      await em.query(
        UPSERT_COEFFICIENT,
        [input.year, input.categoryCode, input.coefficient, basis],
      );
      const after = { coefficient: input.coefficient, basis };
      await recordAudit(em, user, 'set_coefficient', 'assessment_coefficient', `${input.year}:${input.categoryCode}`, before ?? null, after);
      return { year: input.year, categoryCode: input.categoryCode, ...after };
    });
  }

  async setTarget(user: AuthUser, input: AnnualTargetInput) {
    assertAdmin(user);
    assertYear(input.year);
    const unitId = parseId('unitId', input.unitId);
    assertAmount('totalAmount', input.totalAmount, '万元');
    assertAmount('foreignAmount', input.foreignAmount, '万美元');
    if (!Number.isInteger(input.bigProjectCount) || input.bigProjectCount < 0) throw invalid('bigProjectCount', `must be a whole number, 0 or more; got ${input.bigProjectCount}`);
    return this.db.transaction(async (em) => {
      const [u] = await em.query(UNIT_EXISTS, [unitId]);
      if (!u) throw notFound('AssessmentUnit', unitId);
      const [before] = await em.query(
        ANNUAL_TARGET_OF_UNIT, [unitId, input.year]);
      await em.query(
        UPSERT_ANNUAL_TARGET,
        [unitId, input.year, input.totalAmount, input.foreignAmount, input.bigProjectCount],
      );
      const after = { totalAmount: input.totalAmount, foreignAmount: input.foreignAmount, bigProjectCount: input.bigProjectCount };
      await recordAudit(em, user, 'set_target', 'annual_target', `${unitId}:${input.year}`, before ?? null, after);
      return { unitId, year: input.year, ...after };
    });
  }

  async saveUnit(user: AuthUser, input: AssessmentUnitInput): Promise<number> {
    assertAdmin(user);
    const code = input.code?.trim(), name = input.name?.trim();
    if (!code) throw invalid('code', 'must not be empty');
    if (!name) throw invalid('name', 'must not be empty');
    const regionId = input.regionId != null ? parseId('regionId', input.regionId) : null;
    if (String(input.kind) === 'district' && regionId === null) throw invalid('regionId', 'a district/county unit needs its region');
    return this.db.transaction(async (em) => {
      if (regionId !== null) {
        const [r] = await em.query(REGION_EXISTS, [regionId]);
        if (!r) throw notFound('Region', regionId);
      }
      const [clash] = await em.query(UNIT_CLASH, [code, name, input.id ? parseId('id', input.id) : null]);
      if (clash) throw new AtlasError(ErrorCode.CONFLICT, `Another unit (${clash.id}) already has code ${code} or name ${name}`, { field: 'code' });
      if (input.id) {
        const id = parseId('id', input.id);
        const [before] = await em.query(UNIT_AUDIT_ROW, [id]);
        if (!before) throw notFound('AssessmentUnit', id);
        await em.query(UPDATE_UNIT, [id, code, name, input.kind, regionId]);
        await recordAudit(em, user, 'update', 'assessment_unit', id, before, { code, name, kind: input.kind, regionId });
        return id;
      }
      const [{ id }] = await em.query(INSERT_UNIT, [code, name, input.kind, regionId]);
      await recordAudit(em, user, 'create', 'assessment_unit', id, null, { code, name, kind: input.kind, regionId });
      return id;
    });
  }
}

/** The assessment's configuration is the admin's (permission before validation). */
function assertAdmin(user: AuthUser): void {
  if (user.role !== Role.ADMIN) throw forbidden('change the assessment configuration (admin only)');
}
