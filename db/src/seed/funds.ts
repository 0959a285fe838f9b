import type { AnnualTarget, Unit } from './people';
import type { Category, FundKind, Project, Stage } from './projects';
import { round2, stamp, yearOf, type Rng } from './random';

// Funds in place (实际到位资金): dated arrivals after signing, and the tuning that keeps the assessment plausible.

export const YUAN_PER_USD = 7.1;
export const FOREIGN_CATEGORIES: Category[] = ['manufacturing', 'logistics', 'hotel', 'large_retail'];
export const roundAmount = (x: number): number => (x >= 10000 ? Math.round(x / 100) * 100 : Math.round(x / 10) * 10);

/** Scales each unit's pipeline toward its targets (see calibrate); `scale` multiplies the targets too. */
export function calibrateToTargets(projects: Project[], units: Unit[], targets: AnnualTarget[], rng: Rng, scale: number): void {
  giveDepartmentsPipelines(units, projects, rng.fork('department-pipelines'));
  calibrate(projects, targets, rng, scale);
  calibrateForeign(projects, targets, rng, scale);
}

/** Arrivals after signing, a stage-dependent share of the agreed investment (registered capital for finance). */
export function fundArrivals(r: Rng, p: Project, signed: number, reference: number): Project['funds'] {
  const at = (s: Stage) => p.events.find((e) => e.stage === s)?.on;
  // Money arrives mostly while building: up to shortly after production starts, or until termination.
  const closing = at('terminated') ?? (at('in_production') !== undefined ? at('in_production')! + 90 : at('completed') !== undefined ? at('completed')! + 60 : reference);
  const end = Math.min(reference, closing);
  const [fLo, fHi, nLo, nHi] = ({
    signed: [0, 0.15, 0, 2], started: [0.2, 0.6, 2, 4], completed: [0.5, 0.85, 3, 5], in_production: [0.65, 0.95, 3, 6],
    at_capacity: [0.8, 1.0, 4, 7], terminated: [0, 0.2, 0, 2],
  } as Record<string, [number, number, number, number]>)[p.stage];
  const n = r.int(nLo, nHi);
  const from = signed + 7;
  if (n === 0 || from > end) return [];
  const base = p.category === 'finance' ? p.capital ?? p.agreed : p.agreed;
  const total = base * r.float(fLo, fHi);
  const weights = Array.from({ length: n }, () => r.float(0.5, 2));
  const wsum = weights.reduce((a, b) => a + b, 0);
  const days = Array.from({ length: n }, () => r.int(from, end)).sort((a, b) => a - b);
  const share = p.foreign ? Math.min(1, (p.foreign * YUAN_PER_USD) / p.agreed) : 0;
  const hasLand = p.landMu !== null && p.landMu > 0;
  return days.map((on, i) => {
    const amount = Math.max(1, round2((total * weights[i]) / wsum));
    const kind: FundKind = p.category === 'finance' ? 'registered_capital' : i === 0 && hasLand ? 'land_transfer' : r.chance(0.04) ? 'other' : 'fixed_asset';
    const note = { land_transfer: '土地出让金缴款凭证已核验', fixed_asset: '银行进账单及设备、工程款支付凭证已核验', registered_capital: '验资报告及银行询证函已核验', other: '其他到位资金凭证' }[kind];
    return { on, amount, foreign: share > 0 ? round2((amount * share) / YUAN_PER_USD) : 0, kind, ref: '', note, recordedAt: stamp(Math.min(on + r.int(0, 3), reference), r) };
  });
}

// Seed 004 defaults (the same as migration 0002 inserts); here only to aim the calibration.
const COEFFICIENT: Partial<Record<Category, number>> = { large_retail: 0.7, hotel: 0.7, auto_4s: 0.7, leisure: 0.7, infrastructure: 0 };

/**
 * With ~150 projects a couple of large ones would decide every ranking, so project sizes are tuned per
 * unit: the projects whose money mostly arrived in a year are scaled together (every amount, land need
 * and arrival alike, so intensity and funds-in-place ratios keep) until the unit's credited amount is a
 * plausible share of its target: 75–130% for 2025 (a closed year), 50–115% for 2026 (as of the reference
 * date). A unit without arrivals in a year stays at 0%.
 */
function calibrate(projects: Project[], targets: AnnualTarget[], rng: Rng, scale: number): void {
  const r = rng.fork('calibrate');
  // Targets do not scale, the pipeline does: at scale 10 units reach about ten times their targets.
  const want = targets.map((t) => scale * t.total * 10000 * (t.year === 2025 ? r.float(0.75, 1.3) : r.float(0.5, 1.15)));
  const inYear = (p: Project, y: number) => p.funds.reduce((a, f) => a + (yearOf(f.on) === y ? f.amount : 0), 0);
  // Shrinking stops at a third of the drawn size so small projects do not all pile up at the 2000万 minimum.
  const floor = new Map(projects.map((p) => [p.id, p.agreed / 3]));
  const shrink = (p: Project, g: number) => scaleProject(p, Math.max(g, floor.get(p.id)! / p.agreed));
  for (let pass = 0; pass < 6; pass++) {
    targets.forEach((t, i) => {
      const mine = projects.filter((p) => p.unitId === t.unitId && (COEFFICIENT[p.category] ?? 1) > 0);
      const credited = mine.reduce((a, p) => a + (COEFFICIENT[p.category] ?? 1) * inYear(p, t.year), 0);
      if (credited <= 0 || Math.abs(want[i] / credited - 1) < 0.03) return;
      const group = mine.filter((p) => {
        const all = p.funds.reduce((a, f) => a + f.amount, 0);
        return all > 0 && inYear(p, t.year) / all >= 0.5;
      });
      // Growing: enlarge the projects that are already large, so the ≥1亿 share stays near 30%.
      const bigs = group.filter((p) => p.agreed >= 10000);
      const fromBig = bigs.reduce((a, p) => a + (COEFFICIENT[p.category] ?? 1) * inYear(p, t.year), 0);
      if (want[i] > credited && fromBig > 0) for (const p of bigs) scaleProject(p, 1 + (want[i] - credited) / fromBig);
      else for (const p of group) (want[i] > credited ? scaleProject : shrink)(p, want[i] / credited);
    });
  }
}

/**
 * Departments introduce few projects, so by chance one may have no money arriving in a year at all;
 * such a department is credited with a district's project instead (it was the department's lead).
 */
function giveDepartmentsPipelines(units: Unit[], projects: Project[], r: Rng): void {
  const leaders: Record<string, number> = { 'D-FGW': 5, 'D-SWJ': 6, 'D-GXJ': 7, 'D-NYJ': 8 };
  const kind = new Map(units.map((u) => [u.id, u.kind]));
  for (const dept of units.filter((u) => u.kind === 'department')) {
    for (const year of [2025, 2026]) {
      const arrives = (p: Project) => p.funds.some((f) => yearOf(f.on) === year);
      if (projects.some((p) => p.unitId === dept.id && arrives(p))) continue;
      const pool = projects.filter((p) => kind.get(p.unitId) === 'district' && p.targetId === null && (COEFFICIENT[p.category] ?? 1) > 0 && arrives(p));
      if (pool.length === 0) continue;
      const p = r.pick(pool);
      p.unitId = dept.id;
      p.leaderId = leaders[dept.code] ?? p.leaderId;
    }
  }
}

/** The same for the foreign part, within each project's agreed investment; one unit may simply have none. */
function calibrateForeign(projects: Project[], targets: AnnualTarget[], rng: Rng, scale: number): void {
  const r = rng.fork('calibrate-foreign');
  const inYear = (p: Project, y: number) => p.funds.reduce((a, f) => a + (yearOf(f.on) === y ? f.foreign : 0), 0);
  for (const t of targets) {
    const want = scale * t.foreign * (t.year === 2025 ? r.float(0.6, 1.4) : r.float(0.3, 1.2));
    const mine = projects.filter((p) => p.unitId === t.unitId && FOREIGN_CATEGORIES.includes(p.category) && p.funds.some((f) => yearOf(f.on) === t.year));
    if (mine.length === 0 || want <= 0) continue;
    if (!mine.some((p) => p.foreign !== null) && r.chance(0.75)) {
      // A domestic project turns out to have a foreign partner (合资).
      const p = mine.reduce((a, b) => (inYear(b, t.year) + b.agreed > inYear(a, t.year) + a.agreed ? b : a));
      const share = r.float(0.1, 0.4);
      p.foreign = round2((p.agreed * share) / YUAN_PER_USD);
      for (const f of p.funds) f.foreign = round2((f.amount * share) / YUAN_PER_USD);
    }
    const got = mine.reduce((a, p) => a + inYear(p, t.year), 0);
    if (got <= 0) continue;
    const k = want / got;
    for (const p of mine) {
      if (p.foreign === null) continue;
      // Never more than 90% of a project foreign-funded.
      const cap = (0.9 * p.agreed) / YUAN_PER_USD;
      const kk = Math.min(k, cap / p.foreign);
      p.foreign = round2(p.foreign * kk);
      for (const f of p.funds) if (yearOf(f.on) === t.year) f.foreign = Math.min(round2(f.foreign * kk), round2((0.9 * f.amount) / YUAN_PER_USD));
    }
  }
}

function scaleProject(p: Project, wanted: number): void {
  const g = Math.min(Math.max(wanted, 0.2, 2000 / p.agreed), 8, 300000 / p.agreed);
  const agreed = roundAmount(p.agreed * g);
  const k = agreed / p.agreed;
  p.agreed = agreed;
  p.planned = Math.max(agreed, roundAmount(p.planned * k));
  if (p.fai !== null) p.fai = roundAmount(p.fai * k);
  if (p.foreign !== null) p.foreign = round2(p.foreign * k);
  if (p.capital !== null) p.capital = p.category === 'finance' ? agreed : Math.round((p.capital * k) / 10) * 10;
  if (p.landMu !== null) p.landMu = round2(p.landMu * k);
  if (p.output !== null) p.output = round2(p.output * k);
  if (p.tax !== null) p.tax = round2(p.tax * k);
  for (const f of p.funds) {
    f.amount = Math.max(1, round2(f.amount * k));
    f.foreign = Math.min(round2(f.foreign * k), round2(f.amount / YUAN_PER_USD));
  }
}

