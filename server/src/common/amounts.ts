import { AtlasError, ErrorCode } from './errors';

/**
 * Money rule: amounts are exact decimals with at most 2 places (万元 / 万美元; columns are numeric(14,2)).
 * The API never rounds an input silently: a third decimal is refused, and computed sums are rounded to 2
 * places in SQL, so what a client reads is what the database holds.
 */
export const AMOUNT_DECIMALS = 2;

/** True when v has at most AMOUNT_DECIMALS decimal places (as written, e.g. 0.1 + 0.2 is refused, 0.3 is fine). */
export function hasAtMostTwoDecimals(v: number): boolean {
  return Number(v.toFixed(AMOUNT_DECIMALS)) === v;
}

/** Rejects negative, non-finite, absurd or over-precise amounts with the field name and the unit expected. */
export function assertAmount(field: string, v: number | null | undefined, unit: string, opts: { positive?: boolean } = {}): void {
  if (v === null || v === undefined) return;
  if (!Number.isFinite(v)) throw new AtlasError(ErrorCode.INVALID_AMOUNT, `${field} must be a number in ${unit}`, { field });
  if (opts.positive ? v <= 0 : v < 0) {
    throw new AtlasError(ErrorCode.INVALID_AMOUNT, `${field} must be ${opts.positive ? 'greater than 0' : '0 or more'} (${unit}); got ${v}`, { field });
  }
  if (v >= 1e12) throw new AtlasError(ErrorCode.INVALID_AMOUNT, `${field} ${v} is too large; amounts are in ${unit}`, { field });
  if (!hasAtMostTwoDecimals(v)) {
    throw new AtlasError(ErrorCode.INVALID_AMOUNT, `${field} ${v} has more than ${AMOUNT_DECIMALS} decimals; give ${unit} to the cent (e.g. ${v.toFixed(AMOUNT_DECIMALS)})`, { field });
  }
}
