import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { Role, type AuthUser } from '../../auth/auth-user';
import { TargetStatus } from './target.entity';
import { isOverdue, targetChainScope } from './target.service';

const user = (role: Role, chainIds: number[] = []): AuthUser => ({ id: 1, username: 'u', displayName: 'U', role, unitId: null, chainIds });

describe('target rules', () => {
  it('a chain leader sees the targets of their chains; everyone else all', () => {
    expect(targetChainScope(user(Role.CHAIN_LEADER, [1, 4]))).toEqual([1, 4]);
    for (const r of [Role.ADMIN, Role.BUREAU, Role.PLANNER, Role.DISTRICT, Role.INTEGRATOR]) expect(targetChainScope(user(r))).toBeNull();
  });
  it('overdue: next action due before the as-of date and still open (strings or driver Dates)', () => {
    expect(isOverdue({ nextActionDue: '2026-11-01', status: TargetStatus.CONTACTED }, '2026-11-02')).toBe(true);
    expect(isOverdue({ nextActionDue: '2026-11-02', status: TargetStatus.CONTACTED }, '2026-11-02')).toBe(false);
    expect(isOverdue({ nextActionDue: new Date('2026-10-01T00:00:00Z') as unknown as string, status: TargetStatus.LEAD }, '2026-11-02')).toBe(true);
    expect(isOverdue({ nextActionDue: '2026-01-01', status: TargetStatus.SIGNED }, '2026-11-02')).toBe(false);
    expect(isOverdue({ nextActionDue: '2026-01-01', status: TargetStatus.DROPPED }, '2026-11-02')).toBe(false);
    expect(isOverdue({ nextActionDue: null, status: TargetStatus.LEAD }, '2026-11-02')).toBe(false);
  });
});
