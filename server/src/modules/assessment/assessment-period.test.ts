import { describe, expect, it } from 'vitest';
import { curveAt, periodRange } from './assessment-period';

describe('periodRange', () => {
  it('turns a year, a quarter and a month into closed date ranges', () => {
    expect(periodRange({ year: 2026 })).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodRange({ year: 2026, quarter: 1 })).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodRange({ year: 2024, month: 2 })).toEqual({ from: '2024-02-01', to: '2024-02-29' }); // leap year
    expect(periodRange({ from: '2026-03-05', to: '2026-04-01' })).toEqual({ from: '2026-03-05', to: '2026-04-01' });
  });
  it('refuses periods that make no sense', () => {
    expect(() => periodRange({ year: 2026, quarter: 5 })).toThrow(/quarter/);
    expect(() => periodRange({ from: '2026-05-01', to: '2026-04-01' })).toThrow(/after/);
    expect(() => periodRange({ from: '2026-02-30', to: '2026-04-01' })).toThrow(/calendar/);
    expect(() => periodRange({})).toThrow(/year/);
  });
});

describe('curveAt', () => {
  const seed003 = [{ month: 3, rate: 0.3 }, { month: 6, rate: 0.8 }, { month: 10, rate: 1 }];
  it('interpolates between the configured month ends, from 0 in January', () => {
    expect(curveAt(seed003, 3)).toBe(0.3);
    expect(curveAt(seed003, 1)).toBe(0.1); // 0.3 × 1/3
    expect(curveAt(seed003, 5)).toBe(0.633333); // 0.3 + 0.5 × 2/3
    expect(curveAt(seed003, 12)).toBe(1);
    expect(curveAt([], 5)).toBeNull();
  });
});
