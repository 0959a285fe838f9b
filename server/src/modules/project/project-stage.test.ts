import { describe, expect, it } from 'vitest';
import { ProjectStage as S } from './project.entity';
import { todayInChina } from '../../common/dates';
import { allowedMoves, isSignedOrLater } from './project-stage';

describe('project lifecycle moves', () => {
  it('moves forward one stage at a time, with 淘汰 before signing and 终止 after', () => {
    expect(allowedMoves(S.LEAD)).toEqual([S.NEGOTIATING, S.ELIMINATED]);
    expect(allowedMoves(S.NEGOTIATING)).toEqual([S.SIGNED, S.ELIMINATED]);
    expect(allowedMoves(S.SIGNED)).toEqual([S.STARTED, S.TERMINATED]);
    expect(allowedMoves(S.IN_PRODUCTION)).toEqual([S.AT_CAPACITY, S.TERMINATED]);
  });
  it('has no move out of a final stage', () => {
    for (const s of [S.AT_CAPACITY, S.ELIMINATED, S.TERMINATED]) expect(allowedMoves(s)).toEqual([]);
  });
  it('knows which stages are signed', () => {
    expect(isSignedOrLater(S.NEGOTIATING)).toBe(false);
    expect(isSignedOrLater(S.SIGNED)).toBe(true);
    expect(isSignedOrLater(S.TERMINATED)).toBe(true);
    expect(isSignedOrLater(S.ELIMINATED)).toBe(false);
  });
  it('dates today in UTC+8', () => {
    expect(todayInChina(Date.UTC(2026, 0, 1, 17, 0))).toBe('2026-01-02');
  });
});
