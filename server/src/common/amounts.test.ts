import { describe, expect, it } from 'vitest';
import { assertAmount } from './amounts';

const code = (f: () => void) => { try { f(); return null; } catch (e) { return (e as { extensions: { code: string } }).extensions.code; } };

describe('assertAmount', () => {
  it('accepts whole numbers and up to two decimals', () => {
    for (const v of [0, 1, 1200.5, 1200.55, 0.01, 999999999999.99]) expect(code(() => assertAmount('a', v, '万元'))).toBeNull();
  });
  it('refuses more than two decimals instead of rounding', () => {
    for (const v of [1.001, 0.125, 1e-7, 1200.555]) expect(code(() => assertAmount('a', v, '万元'))).toBe('INVALID_AMOUNT');
  });
  it('refuses negatives, zero when positive is required, and values over the column maximum', () => {
    expect(code(() => assertAmount('a', -1, '万元'))).toBe('INVALID_AMOUNT');
    expect(code(() => assertAmount('a', 0, '万元', { positive: true }))).toBe('INVALID_AMOUNT');
    expect(code(() => assertAmount('a', 1e12, '万元'))).toBe('INVALID_AMOUNT');
    expect(code(() => assertAmount('a', 2e10, '亩', { max: 1e10 }))).toBe('INVALID_AMOUNT');
  });
});
