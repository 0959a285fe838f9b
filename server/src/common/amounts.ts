import { AtlasError, ErrorCode } from './errors';

/** Rejects negative, non-finite or absurd amounts with the field name and the unit expected. */
export function assertAmount(field: string, v: number | null | undefined, unit: string, opts: { positive?: boolean } = {}): void {
  if (v === null || v === undefined) return;
  if (!Number.isFinite(v)) throw new AtlasError(ErrorCode.INVALID_AMOUNT, `${field} must be a number in ${unit}`, { field });
  if (opts.positive ? v <= 0 : v < 0) {
    throw new AtlasError(ErrorCode.INVALID_AMOUNT, `${field} must be ${opts.positive ? 'greater than 0' : '0 or more'} (${unit}); got ${v}`, { field });
  }
  if (v >= 1e12) throw new AtlasError(ErrorCode.INVALID_AMOUNT, `${field} ${v} is too large; amounts are in ${unit}`, { field });
}
