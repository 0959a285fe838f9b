import type { Sql } from '../sql';
import { insertRows } from './db';
import type { Enterprise } from './enterprises';
import { round2, type Rng } from './random';

/** The year the synthetic 亩均 figures describe: the last full year before the demo's reference date. */
export const PERFORMANCE_YEAR = 2025;

export interface LandPerformance {
  enterpriseId: number;
  parkId: number;
  landMu: number;
  output: number;
  tax: number;
}

/**
 * Synthetic 亩均 inputs (land used, output, tax) for local enterprises in parks. Output follows revenue; land and
 * tax rates spread so every grade A–D occurs. Invented, and stored with synthetic = true.
 */
export function planLandPerformance(rng: Rng, local: Enterprise[]): LandPerformance[] {
  return local.filter((e) => e.parkId !== null).map((e) => {
    const output = round2(e.revenue * rng.float(0.85, 1.0));
    const perMu = rng.logUniform(30, 700);
    const landMu = round2(Math.min(2000, Math.max(3, output / perMu)));
    const tax = round2(output * rng.float(0.015, 0.07));
    return { enterpriseId: e.id, parkId: e.parkId!, landMu, output, tax };
  });
}

export async function insertLandPerformance(sql: Sql, rows: LandPerformance[]): Promise<void> {
  await insertRows(sql, 'enterprise_land_performance', {
    enterprise_id: 'int', year: 'int', park_id: 'int', land_area_mu: 'numeric', annual_output: 'numeric', annual_tax: 'numeric', synthetic: 'boolean',
  }, rows.map((r) => ({
    enterprise_id: r.enterpriseId, year: PERFORMANCE_YEAR, park_id: r.parkId, land_area_mu: r.landMu,
    annual_output: r.output, annual_tax: r.tax, synthetic: true,
  })));
}
