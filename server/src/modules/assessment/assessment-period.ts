import { invalid } from '../../common/errors';
import { localDateProblem } from '../../common/local-date.scalar';

export interface PeriodSpec { year?: number | null; quarter?: number | null; month?: number | null; from?: string | null; to?: string | null }

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A period as a closed date range: a year, a quarter or a month of a year, or an explicit from–to. */
export function periodRange(p: PeriodSpec): { from: string; to: string } {
  if (p.from || p.to) {
    if (!p.from || !p.to) throw invalid('period', 'give both from and to (YYYY-MM-DD), or a year');
    for (const [f, v] of [['period.from', p.from], ['period.to', p.to]] as const) {
      const problem = localDateProblem(v);
      if (problem) throw invalid(f, problem, 'INVALID_DATE');
    }
    if (p.from > p.to) throw invalid('period', `from ${p.from} is after to ${p.to}`, 'INVALID_DATE');
    return { from: p.from, to: p.to };
  }
  const y = p.year;
  if (!Number.isInteger(y) || y! < 2000 || y! > 2100) throw invalid('period.year', `must be a year from 2000 to 2100; got ${y}`);
  if (p.quarter != null && p.month != null) throw invalid('period', 'give a quarter or a month, not both');
  if (p.quarter != null) {
    if (!Number.isInteger(p.quarter) || p.quarter < 1 || p.quarter > 4) throw invalid('period.quarter', `must be 1 to 4; got ${p.quarter}`);
    const m1 = (p.quarter - 1) * 3 + 1;
    return { from: `${y}-${pad(m1)}-01`, to: `${y}-${pad(m1 + 2)}-${lastDay(y!, m1 + 2)}` };
  }
  if (p.month != null) {
    if (!Number.isInteger(p.month) || p.month < 1 || p.month > 12) throw invalid('period.month', `must be 1 to 12; got ${p.month}`);
    return { from: `${y}-${pad(p.month)}-01`, to: `${y}-${pad(p.month)}-${lastDay(y!, p.month)}` };
  }
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/** The start-rate target at a month end: linear between the configured points, from 0 at the start of the year. */
export function curveAt(curve: { month: number; rate: number }[], month: number): number | null {
  if (!curve.length) return null;
  const pts = [{ month: 0, rate: 0 }, ...[...curve].sort((a, b) => a.month - b.month)];
  for (let i = 1; i < pts.length; i++) {
    if (month <= pts[i].month) {
      const a = pts[i - 1], b = pts[i];
      return Number((a.rate + ((b.rate - a.rate) * (month - a.month)) / (b.month - a.month)).toFixed(6));
    }
  }
  return pts[pts.length - 1].rate;
}
