import { describe, expect, it } from 'vitest';
import { lastStageDate, todayInChina } from './dates';

describe('dates', () => {
  it('todayInChina is the UTC+8 calendar date', () => {
    expect(todayInChina(Date.UTC(2026, 5, 30, 15, 59))).toBe('2026-06-30');
    expect(todayInChina(Date.UTC(2026, 5, 30, 16, 0))).toBe('2026-07-01');
  });

  it('lastStageDate is the latest entry, null for none', () => {
    expect(lastStageDate([])).toBeNull();
    expect(lastStageDate([{ enteredOn: '2026-01-05' }, { enteredOn: '2026-03-01' }, { enteredOn: '2026-02-01' }])).toBe('2026-03-01');
  });
});
