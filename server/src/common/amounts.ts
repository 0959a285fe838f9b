import { AtlasError, ErrorCode } from './errors';

/** Columns are numeric(14,2) (below 10^12) unless a caller says numeric(12,2) (below 10^10). */
export const MAX_AMOUNT = 1e12;
export const MAX_AMOUNT_12_2 = 1e10;

/**
 * Money rule: amounts are exact decimals with at most 2 places (万元 / 万美元).
 * The API never rounds an input silently: a third decimal is refused, and computed sums are rounded to 2
 * places in SQL, so what a client reads is what the database holds.
 */
export const AMOUNT_DECIMALS = 2;

/** True when v has at most AMOUNT_DECIMALS decimal places as written (its shortest decimal form). */
export function hasAtMostTwoDecimals(v: number): boolean {
  return /^-?\d+(\.\d{1,2})?$/.test(String(v));
}

/** Rejects negative, non-finite, absurd amounts and amounts with more than 2 decimals (never rounded silently). */
export function assertAmount(field: string, v: number | null | undefined, unit: string, opts: { positive?: boolean; max?: number } = {}): void {
  if (v === null || v === undefined) return;
  if (!Number.isFinite(v)) throw new AtlasError(ErrorCode.INVALID_AMOUNT, `${field} must be a number in ${unit}`, { field });
  if (opts.positive ? v <= 0 : v < 0) {
    throw new AtlasError(ErrorCode.INVALID_AMOUNT, `${field} must be ${opts.positive ? 'greater than 0' : '0 or more'} (${unit}); got ${v}`, { field });
  }
  const max = opts.max ?? MAX_AMOUNT;
  if (v >= max) throw new AtlasError(ErrorCode.INVALID_AMOUNT, `${field} ${v} is too large (must be below ${max}); amounts are in ${unit}`, { field, max });
  if (!hasAtMostTwoDecimals(v)) {
    throw new AtlasError(ErrorCode.INVALID_AMOUNT, `${field} ${v} has more than ${AMOUNT_DECIMALS} decimals; give it to 0.01 ${unit}`, { field });
  }
}
