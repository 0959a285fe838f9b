import { describe, expect, it } from 'vitest';
import { numberText, parseNumber } from './formNumbers';

describe('form numbers', () => {
  it('parses typed numbers: empty is null, thousands separators allowed, junk is NaN', () => {
    expect(parseNumber('  ')).toBeNull();
    expect(parseNumber('12,500.5')).toBe(12500.5);
    expect(parseNumber('abc')).toBeNaN();
  });

  it('shows null as an empty field', () => {
    expect(numberText(null)).toBe('');
    expect(numberText(0)).toBe('0');
  });
});
