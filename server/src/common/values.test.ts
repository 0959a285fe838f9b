import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { assertAmount } from './amounts';
import { todayInChina } from './dates';
import { parseId } from './filters';
import { localDateProblem } from './local-date.scalar';
import { M2_PER_MU, m2ToMu, numericTransformer } from './numeric';

const code = (fn: () => void) => { try { fn(); return null; } catch (e) { return (e as { extensions: { code: string } }).extensions.code; } };

describe('amounts', () => {
  it('accepts absent, zero and ordinary amounts; rejects negative, non-finite and absurd ones', () => {
    for (const v of [null, undefined, 0, 12.5, 999_999]) expect(code(() => assertAmount('x', v, '万元'))).toBeNull();
    for (const v of [-1, Number.NaN, Infinity, 1e12]) expect(code(() => assertAmount('x', v, '万元'))).toBe('INVALID_AMOUNT');
    expect(code(() => assertAmount('x', 0, '万元', { positive: true }))).toBe('INVALID_AMOUNT');
  });
});

describe('todayInChina', () => {
  it('is the UTC+8 calendar date', () => {
    expect(todayInChina(Date.UTC(2026, 0, 1, 15, 59))).toBe('2026-01-01');
    expect(todayInChina(Date.UTC(2026, 0, 1, 16, 0))).toBe('2026-01-02');
  });
});

describe('parseId', () => {
  it('takes positive integers and refuses anything else', () => {
    expect(parseId('id', '42')).toBe(42);
    expect(parseId('id', 7)).toBe(7);
    for (const bad of ['0', '-1', '1.5', 'abc', '', '9007199254740993']) expect(code(() => parseId('id', bad))).toBe('INVALID_ARGUMENT');
  });
});

describe('localDateProblem', () => {
  it('accepts real calendar dates only', () => {
    expect(localDateProblem('2024-02-29')).toBeNull();
    expect(localDateProblem('2026-02-29')).toMatch(/not a real calendar date/);
    expect(localDateProblem('2026-1-5')).toMatch(/YYYY-MM-DD/);
    expect(localDateProblem(20260105)).toMatch(/must be a string/);
  });
});

describe('numeric', () => {
  it('converts numeric strings and mu', () => {
    expect(numericTransformer.from('123.45')).toBe(123.45);
    expect(numericTransformer.from(null)).toBeNull();
    expect(m2ToMu(M2_PER_MU * 3)).toBeCloseTo(3, 10);
    expect(M2_PER_MU).toBeCloseTo(666.6667, 3);
  });
});
