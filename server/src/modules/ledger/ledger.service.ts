import type { DataSource } from 'typeorm';
import { usccProblem } from '@atlas/db';
import { hasAtMostTwoDecimals } from '../../common/amounts';
import { recordAudit } from '../../common/audit';
import { forbidden } from '../../common/errors';
import { localDateProblem } from '../../common/local-date.scalar';
import { Role, type AuthUser } from '../../auth/auth-user';
import { FUND_KINDS, STAGE_KEYS, headerOf, type LedgerKey, type StageKey } from './ledger.columns';
import { readLedger, type LedgerRow } from './ledger.file';
import {
  ARRIVALS_OF, EVENTS_OF, INSERT_LEDGER_ARRIVAL, INSERT_LEDGER_EVENT, INSERT_LEDGER_PROJECT, LEDGER_REFERENCES, PLACE_LEDGER_PROJECT,
  PROJECTS_BY_CODE, UPDATE_LEDGER_PROJECT,
} from './ledger.sql';

export interface LedgerProblem { row: number; column: string; message: string }
export interface LedgerReport {
  dryRun: boolean; written: boolean; rows: number; projects: number; created: number; updated: number; unchanged: number;
  stageEventsAdded: number; fundArrivalsAdded: number; problems: LedgerProblem[];
}

const PROJECT_KEYS: LedgerKey[] = ['name', 'unit', 'category', 'park', 'region', 'agreed', 'planned', 'fixedAsset', 'foreign', 'landMu', 'uscc', 'registeredOn', ...STAGE_KEYS];
const AMOUNT_KEYS = ['agreed', 'planned', 'fixedAsset', 'foreign', 'landMu'] as const;
type AmountKey = (typeof AMOUNT_KEYS)[number];
/** Stages on the forward path, in order; terminated is an off-ramp after signing. */
const PATH: StageKey[] = ['lead', 'negotiating', 'signed', 'started', 'completed', 'in_production', 'at_capacity'];

interface PlannedProject {
  code: string; firstRow: number; existingId: number | null;
  cols: { name: string; unit: number; category: string; park: number | null; region: number | null; uscc: string | null; registeredOn: string | null } & Record<AmountKey, string | null>;
  events: { stage: StageKey; on: string }[]; stage: StageKey;
  arrivals: { row: number; on: string; amount: string; foreign: string; kind: string; ref: string }[];
}

interface Planned {
  plans: PlannedProject[];
  existing: any[];
  events: { projectId: number; stage: StageKey; enteredOn: string }[];
  arrivalsRecorded: { projectId: number; arrivedOn: string; amount: string; evidenceRef: string }[];
}

/** Normalises a number as written ("1,200.50" → "1200.5"), or returns the problem. */
function amountOf(text: string, positive: boolean): { value?: string; problem?: string } {
  const t = text.replace(/[,，\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return { problem: `"${text}" is not a number` };
  const n = Number(t);
  if (positive ? n <= 0 : n < 0) return { problem: `${text} must be ${positive ? 'greater than 0' : '0 or more'}` };
  if (!hasAtMostTwoDecimals(n)) return { problem: `${text} has more than 2 decimals` };
  if (n >= 1e12) return { problem: `${text} is too large` };
  return { value: String(n) };
}

/** 项目台账 import: validates every row and column, then writes all rows in one transaction or none. Re-importing changes nothing. */
export class LedgerService {
  constructor(private readonly db: DataSource) {}

  async import(user: AuthUser, file: Buffer, fileName: string, dryRun: boolean): Promise<LedgerReport> {
    if (user.role !== Role.ADMIN && user.role !== Role.BUREAU) throw forbidden('import the project ledger (bureau or admin)');
    const problems: LedgerProblem[] = [];
    const report = (extra: Partial<LedgerReport>): LedgerReport => ({
      dryRun, written: false, rows: 0, projects: 0, created: 0, updated: 0, unchanged: 0, stageEventsAdded: 0, fundArrivalsAdded: 0, problems, ...extra,
    });
    let parsed: Awaited<ReturnType<typeof readLedger>>;
    try {
      parsed = await readLedger(file, fileName);
    } catch (e) {
      problems.push({ row: 0, column: '', message: `the file cannot be read as ${/\.csv$/i.test(fileName) ? 'CSV' : 'XLSX'}: ${(e as Error).message}` });
      return report({});
    }
    for (const h of parsed.missingHeaders) problems.push({ row: 1, column: h, message: 'required column is missing' });
    for (const h of parsed.unknownHeaders) problems.push({ row: 1, column: h, message: 'unknown column (see the template for the column names)' });
    if (parsed.missingHeaders.length) return report({ rows: parsed.rows.length });

    const planned = await this.plan(parsed.rows, problems);
    const plan = planned.plans;
    const counts = this.diff(planned);
    const base = report({ rows: parsed.rows.length, projects: plan.length, ...counts.totals });
    if (problems.length || dryRun) return base;

    await this.db.transaction(async (em) => {
      for (const p of plan) {
        const c = counts.byCode.get(p.code)!;
        const params = [p.cols.name, p.cols.unit, p.cols.category, p.cols.park, p.cols.region, p.stage, p.cols.agreed, p.cols.planned,
          p.cols.fixedAsset, p.cols.foreign, p.cols.landMu, p.cols.uscc, p.cols.registeredOn];
        let id = p.existingId;
        if (id === null) {
          [{ id }] = await em.query(INSERT_LEDGER_PROJECT, [p.code, ...params]);
          await recordAudit(em, user, 'import_create', 'project', id!, null, { code: p.code, ...p.cols, stage: p.stage });
        } else if (c.changed) {
          await em.query(UPDATE_LEDGER_PROJECT, [id, ...params]);
          await recordAudit(em, user, 'import_update', 'project', id, c.before, { code: p.code, ...p.cols, stage: p.stage });
        }
        await em.query(PLACE_LEDGER_PROJECT, [id]);
        for (const e of c.newEvents) await em.query(INSERT_LEDGER_EVENT, [id, e.stage, e.on, user.id]);
        for (const a of c.newArrivals) {
          const [{ id: fid }] = await em.query(INSERT_LEDGER_ARRIVAL, [id, a.on, a.amount, a.foreign, a.kind, a.ref, user.id]);
          await recordAudit(em, user, 'import_fund_arrival', 'fund_arrival', fid, null, { projectId: id, arrivedOn: a.on, amount: a.amount, foreignAmount: a.foreign, kind: a.kind, evidenceRef: a.ref });
        }
      }
    });
    return { ...base, written: true };
  }

  /** Checks every row and builds what the file says each project is; problems are collected, never thrown. */
  private async plan(rows: LedgerRow[], problems: LedgerProblem[]): Promise<Planned> {
    const refs: { kind: string; id: string; a: string; b: string }[] = await this.db.query(LEDGER_REFERENCES);
    const find = (kind: string, text: string) => refs.find((r) => r.kind === kind && (r.a === text || r.b === text))?.id ?? null;
    const bad = (row: number, key: LedgerKey, message: string) => problems.push({ row, column: headerOf(key), message });

    const groups = new Map<string, LedgerRow[]>();
    for (const r of rows) {
      const code = r.values.code?.trim();
      if (!code) { bad(r.row, 'code', 'required'); continue; }
      groups.set(code, [...(groups.get(code) ?? []), r]);
    }
    const existing: any[] = groups.size ? await this.db.query(PROJECTS_BY_CODE, [[...groups.keys()]]) : [];
    const ids = existing.map((e) => e.id);
    const events: { projectId: number; stage: StageKey; enteredOn: string }[] = ids.length ? await this.db.query(EVENTS_OF, [ids]) : [];

    const plans: PlannedProject[] = [];
    for (const [code, group] of groups) {
      // The project's columns come from the first row that has them; later rows must agree or leave them blank.
      const master = group.find((r) => PROJECT_KEYS.some((k) => r.values[k] !== undefined)) ?? group[0];
      for (const r of group) {
        if (r === master) continue;
        for (const k of PROJECT_KEYS) {
          const v = r.values[k];
          if (v !== undefined && v !== master.values[k]) bad(r.row, k, `"${v}" differs from row ${master.row} of the same project ("${master.values[k] ?? ''}")`);
        }
      }
      const v = master.values, row = master.row;
      const before = problems.length;
      if (!v.name) bad(row, 'name', 'required');
      const unit = v.unit ? find('unit', v.unit) : null;
      if (!v.unit) bad(row, 'unit', 'required'); else if (!unit) bad(row, 'unit', `unknown assessment unit "${v.unit}"`);
      const category = v.category ? find('category', v.category) : null;
      if (!v.category) bad(row, 'category', 'required'); else if (!category) bad(row, 'category', `unknown category "${v.category}"`);
      const park = v.park ? find('park', v.park) : null;
      if (v.park && !park) bad(row, 'park', `unknown park "${v.park}"`);
      const region = v.region ? find('region', v.region) : null;
      if (v.region && !region) bad(row, 'region', `unknown region "${v.region}"`);
      const amounts = {} as Record<AmountKey, string | null>;
      for (const k of AMOUNT_KEYS) {
        amounts[k] = null;
        if (v[k] === undefined) continue;
        const a = amountOf(v[k], false);
        if (a.problem) bad(row, k, a.problem); else amounts[k] = a.value!;
      }
      const uscc = v.uscc?.toUpperCase() ?? null;
      if (uscc) { const p = usccProblem(uscc); if (p) bad(row, 'uscc', p); }
      if (v.registeredOn) { const p = localDateProblem(v.registeredOn); if (p) bad(row, 'registeredOn', p); }
      if (!!uscc !== !!v.registeredOn) bad(row, uscc ? 'registeredOn' : 'uscc', 'give the USCC and the registration date together');

      // Stage dates: real dates, in lifecycle order, never going back in time; termination only after signing.
      const dated: { stage: StageKey; on: string }[] = [];
      for (const s of STAGE_KEYS) {
        const d = v[s];
        if (!d) continue;
        const p = localDateProblem(d);
        if (p) bad(row, s, p); else dated.push({ stage: s, on: d });
      }
      let last: { stage: StageKey; on: string } | null = null;
      for (const e of dated) {
        if (last && e.on < last.on) bad(row, e.stage, `${e.on} is before ${headerOf(last.stage)} ${last.on}; stage dates must not go back`);
        last = e;
      }
      const signed = dated.find((e) => e.stage === 'signed')?.on ?? null;
      if (v.terminated && !signed) bad(row, 'terminated', 'a project can be terminated only after it was signed; give 签约日期');
      const furthest = [...PATH].reverse().find((s) => v[s] !== undefined);
      if (v.terminated && furthest && v.terminated < (v[furthest] ?? '')) bad(row, 'terminated', `before ${headerOf(furthest)}`);
      const stage: StageKey = v.terminated ? 'terminated' : furthest ?? 'lead';
      if (!dated.length) bad(row, 'lead', 'give at least the date the project entered its first stage (线索日期 or a later stage date)');

      // An existing project's recorded stages cannot be rewritten by a file, only extended.
      const ex = existing.find((e) => e.code === code);
      if (ex) {
        const recorded = events.filter((e) => e.projectId === ex.id);
        for (const e of recorded) {
          const mine = dated.find((d) => d.stage === e.stage);
          if (mine && mine.on !== e.enteredOn) bad(row, e.stage, `the project already entered this stage on ${e.enteredOn}; an import cannot change a recorded date`);
        }
        const lastRec = recorded.sort((a, b) => (a.enteredOn < b.enteredOn ? -1 : a.enteredOn > b.enteredOn ? 1 : STAGE_KEYS.indexOf(a.stage) - STAGE_KEYS.indexOf(b.stage))).at(-1);
        for (const d of dated) {
          if (recorded.some((e) => e.stage === d.stage) || !lastRec) continue;
          if (STAGE_KEYS.indexOf(d.stage) < STAGE_KEYS.indexOf(lastRec.stage) || d.on < lastRec.enteredOn) {
            bad(row, d.stage, `the project is already recorded as ${headerOf(lastRec.stage)} ${lastRec.enteredOn}; stages only move forward`);
          }
        }
      }

      const arrivals: PlannedProject['arrivals'] = [];
      for (const r of group) {
        const f = r.values;
        if (f.arrivedOn === undefined && f.amount === undefined && f.evidenceRef === undefined && f.amountForeign === undefined && f.kind === undefined) continue;
        const p = f.arrivedOn ? localDateProblem(f.arrivedOn) : 'required with an arrival';
        if (p) bad(r.row, 'arrivedOn', p);
        else if (!signed) bad(r.row, 'arrivedOn', 'funds can arrive only for a signed project; give 签约日期');
        else if (f.arrivedOn! < signed) bad(r.row, 'arrivedOn', `${f.arrivedOn} is before the signing date ${signed}`);
        const amount = f.amount === undefined ? { problem: 'required with an arrival' } : amountOf(f.amount, true);
        if (amount.problem) bad(r.row, 'amount', amount.problem);
        const foreign = f.amountForeign === undefined ? { value: '0' } : amountOf(f.amountForeign, false);
        if (foreign.problem) bad(r.row, 'amountForeign', foreign.problem);
        const kind = FUND_KINDS[f.kind ?? '固定资产投资'];
        if (!kind) bad(r.row, 'kind', `unknown kind "${f.kind}"; use 土地出让金, 固定资产投资, 注册资本 or 其他`);
        if (!f.evidenceRef) bad(r.row, 'evidenceRef', 'give the voucher number (资金到帐凭证) for every arrival');
        if (!p && amount.value && foreign.value && kind && f.evidenceRef) arrivals.push({ row: r.row, on: f.arrivedOn!, amount: amount.value, foreign: foreign.value, kind, ref: f.evidenceRef });
      }
      if (problems.length > before) continue;
      plans.push({
        code, firstRow: row, existingId: ex?.id ?? null, events: dated, stage, arrivals,
        cols: { name: v.name!, unit: Number(unit), category: category!, park: park ? Number(park) : null, region: region ? Number(region) : null, uscc, registeredOn: v.registeredOn ?? null, ...amounts },
      });
    }
    const arrivalsRecorded: { projectId: number; arrivedOn: string; amount: string; evidenceRef: string }[] = ids.length ? await this.db.query(ARRIVALS_OF, [ids]) : [];
    return { plans, existing, events, arrivalsRecorded };
  }

  /** What a real run writes per project: changed columns, new stage events, new arrivals (re-imports match by code and by date, amount and voucher). */
  private diff({ plans, existing, events, arrivalsRecorded }: Planned) {
    const byCode = new Map<string, { changed: boolean; before: unknown; newEvents: { stage: StageKey; on: string }[]; newArrivals: PlannedProject['arrivals'] }>();
    const totals = { created: 0, updated: 0, unchanged: 0, stageEventsAdded: 0, fundArrivalsAdded: 0 };
    const num = (x: string | null) => (x === null ? null : Number(x));
    for (const p of plans) {
      const ex = existing.find((e) => e.code === p.code);
      const recorded = ex ? events.filter((e) => e.projectId === ex.id) : [];
      const newEvents = p.events.filter((e) => !recorded.some((r) => r.stage === e.stage));
      const have = ex ? arrivalsRecorded.filter((a) => a.projectId === ex.id) : [];
      const newArrivals = p.arrivals.filter((a) => !have.some((h) => h.arrivedOn === a.on && Number(h.amount) === Number(a.amount) && h.evidenceRef === a.ref));
      let changed = !ex;
      if (ex) {
        const c = p.cols;
        changed = ex.name !== c.name || ex.unit !== c.unit || ex.category !== c.category || ex.park !== c.park || ex.region !== c.region
          || (ex.uscc ?? null) !== c.uscc || (ex.registeredOn ?? null) !== c.registeredOn || ex.stage !== p.stage
          || AMOUNT_KEYS.some((k) => num(ex[k]) !== num(c[k]));
      }
      byCode.set(p.code, { changed, before: ex ?? null, newEvents, newArrivals });
      if (!ex) totals.created++; else if (changed) totals.updated++; else if (!newEvents.length && !newArrivals.length) totals.unchanged++; else totals.updated++;
      totals.stageEventsAdded += newEvents.length;
      totals.fundArrivalsAdded += newArrivals.length;
    }
    return { byCode, totals };
  }
}
