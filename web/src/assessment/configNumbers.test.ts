import { describe, expect, it } from 'vitest';
import { shiftDecimal, unshiftDecimal } from './configNumbers';

describe('shiftDecimal', () => {
  it('moves the decimal point exactly (1.1 × 10000 in floating point is 11000.000000000002)', () => {
    expect(shiftDecimal('1.1', 4)).toBe(11000);
    expect(shiftDecimal('0.35', 4)).toBe(3500);
    expect(shiftDecimal('12.3456789', 4)).toBe(123456.789);
    expect(shiftDecimal('70', -2)).toBe(0.7);
    expect(shiftDecimal('7', -2)).toBe(0.07);
    expect(shiftDecimal('33.3', -2)).toBe(0.333);
    expect(shiftDecimal('1,200', 0)).toBe(1200);
  });
  it('gives null for empty and NaN for what is not a decimal', () => {
    expect(shiftDecimal(' ', 4)).toBeNull();
    expect(shiftDecimal('1e3', 4)).toBeNaN();
    expect(shiftDecimal('.', 4)).toBeNaN();
    expect(shiftDecimal('abc', -2)).toBeNaN();
  });
  it('shows stored values in the unit people read', () => {
    expect(unshiftDecimal(11000, 4)).toBe('1.1');
    expect(unshiftDecimal(0.7, -2)).toBe('70');
    expect(unshiftDecimal(null, 4)).toBe('');
  });
});
