import type { Sql } from '../sql';
import { insertRows } from './db';
import type { RegionInfo } from './geography';
import { OFFICIALS } from './names';
import { apportion, type Rng } from './random';

export interface Unit {
  id: number;
  code: string;
  name: string;
  kind: 'district' | 'department';
  regionId: number | null;
}

export const DEPARTMENTS = [
  { code: 'D-FGW', name: '市发展改革委', key: 'fgw' },
  { code: 'D-SWJ', name: '市商务局', key: 'swj' },
  { code: 'D-GXJ', name: '市工业和信息化局', key: 'gxj' },
  { code: 'D-NYJ', name: '市农业农村局', key: 'nyj' },
] as const;
export type DepartmentKey = (typeof DEPARTMENTS)[number]['key'];

// Relative economic weight of each district in the annual targets (bigger economies carry more).
export const DISTRICT_WEIGHT: Record<string, number> = {
  '411402': 1.3, '411403': 1.3, '411421': 0.9, '411422': 0.8, '411423': 0.6, '411424': 0.9, '411425': 1.0, '411426': 0.8, '411481': 1.4, '411499': 1.2,
};
const DEPARTMENT_WEIGHT: Record<DepartmentKey, { total: number; foreign: number; count: number }> = {
  fgw: { total: 1.2, foreign: 0.8, count: 1.2 }, swj: { total: 1.5, foreign: 2.0, count: 1.5 },
  gxj: { total: 1.3, foreign: 1.0, count: 1.5 }, nyj: { total: 0.6, foreign: 0.3, count: 0.5 },
};

export function planUnits(regions: RegionInfo[]): Unit[] {
  const districts: Unit[] = regions.map((r, i) => ({ id: i + 1, code: `U${r.code}`, name: r.name, kind: 'district', regionId: r.id }));
  const departments: Unit[] = DEPARTMENTS.map((d, i) => ({ id: districts.length + i + 1, code: d.code, name: d.name, kind: 'department', regionId: null }));
  return [...districts, ...departments];
}

export function departmentUnit(units: Unit[], key: DepartmentKey): Unit {
  const code = DEPARTMENTS.find((d) => d.key === key)!.code;
  return units.find((u) => u.code === code)!;
}

export interface AnnualTarget { unitId: number; year: number; total: number; foreign: number; count: number }

/**
 * Seed 000's split: districts together 100亿元 incl. 6700万美元 and 40 projects ≥ 1亿; departments together
 * 12.4亿元 incl. 1700万美元. Parts are whole 0.5亿 / 0.1亿 and 100万美元 steps and sum exactly.
 */
export function planAnnualTargets(rng: Rng, units: Unit[], regions: RegionInfo[]): AnnualTarget[] {
  const out: AnnualTarget[] = [];
  const districts = units.filter((u) => u.kind === 'district');
  const departments = units.filter((u) => u.kind === 'department');
  for (const year of [2025, 2026]) {
    const r = rng.fork(`targets-${year}`);
    const w = districts.map((u) => DISTRICT_WEIGHT[regions.find((g) => g.id === u.regionId)!.code] * r.float(0.9, 1.1));
    const wf = w.map((x) => x * r.float(0.7, 1.3));
    const total = apportion(200, w);
    const foreign = apportion(67, wf);
    const count = apportion(40, w);
    districts.forEach((u, i) => out.push({ unitId: u.id, year, total: total[i] * 0.5, foreign: foreign[i] * 100, count: count[i] }));
    const keys = DEPARTMENTS.map((d) => d.key);
    const dt = apportion(124, keys.map((k) => DEPARTMENT_WEIGHT[k].total * r.float(0.9, 1.1)));
    const df = apportion(17, keys.map((k) => DEPARTMENT_WEIGHT[k].foreign));
    const dc = apportion(year === 2025 ? 4 : 5, keys.map((k) => DEPARTMENT_WEIGHT[k].count));
    departments.forEach((u, i) => out.push({ unitId: u.id, year, total: dt[i] / 10, foreign: df[i] * 100, count: dc[i] }));
  }
  return out;
}

export async function insertPeople(sql: Sql, units: Unit[]): Promise<void> {
  await insertRows(sql, 'official', { id: 'int', name: 'text', title: 'text', department: 'text' },
    OFFICIALS.map((o, i) => ({ id: i + 1, name: o.name, title: o.title, department: o.department })));
  await insertRows(sql, 'assessment_unit', { id: 'int', code: 'text', name: 'text', kind: 'unit_kind', region_id: 'int' },
    units.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, region_id: u.regionId })));
}

export async function insertAnnualTargets(sql: Sql, targets: AnnualTarget[]): Promise<void> {
  await insertRows(sql, 'annual_target', { unit_id: 'int', year: 'int', total_amount: 'numeric', foreign_amount: 'numeric', big_project_count: 'int' },
    targets.map((t) => ({ unit_id: t.unitId, year: t.year, total_amount: t.total * 10000, foreign_amount: t.foreign, big_project_count: t.count })));
}

/** The region's own 首席服务官 (official id), or the city-level one. */
export function serviceOfficerFor(regionCode: string): number {
  const byRegion: Record<string, number> = { '411402': 10, '411403': 11, '411499': 12, '411421': 13, '411424': 14, '411481': 15, '411425': 16 };
  return byRegion[regionCode] ?? 9;
}
