import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { Role, type AuthUser } from '../../auth/auth-user';
import { TargetStatus } from '../target';
import { allowedTargetMoves, assertChainScope, assertPipelineRole, pipelineScope } from './recruitment.service';

const user = (role: Role, chainIds: number[] = []): AuthUser => ({ id: 1, username: 'u', displayName: 'U', role, unitId: null, chainIds });
const code = (fn: () => void) => { try { fn(); return null; } catch (e) { return (e as { extensions: { code: string } }).extensions.code; } };

describe('target pipeline rules', () => {
  it('moves a target to any later status on the path, or drops it while it is open', () => {
    expect(allowedTargetMoves(TargetStatus.LEAD)).toEqual([TargetStatus.CONTACTED, TargetStatus.SITE_VISIT, TargetStatus.NEGOTIATING, TargetStatus.SIGNED, TargetStatus.DROPPED]);
    expect(allowedTargetMoves(TargetStatus.NEGOTIATING)).toEqual([TargetStatus.SIGNED, TargetStatus.DROPPED]);
    expect(allowedTargetMoves(TargetStatus.SIGNED)).toEqual([]);
    expect(allowedTargetMoves(TargetStatus.DROPPED)).toEqual([]);
  });
  it('lets chain leaders, bureau and admin write the pipeline, nobody else', () => {
    for (const r of [Role.ADMIN, Role.BUREAU, Role.CHAIN_LEADER]) expect(code(() => assertPipelineRole(user(r)))).toBeNull();
    for (const r of [Role.PLANNER, Role.DISTRICT, Role.INTEGRATOR]) expect(code(() => assertPipelineRole(user(r)))).toBe('FORBIDDEN');
  });
  it('keeps a chain leader to the chains they lead; others are not scoped', () => {
    expect(code(() => assertChainScope(user(Role.CHAIN_LEADER, [2, 3]), 3))).toBeNull();
    expect(code(() => assertChainScope(user(Role.CHAIN_LEADER, [2, 3]), 4))).toBe('FORBIDDEN');
    expect(code(() => assertChainScope(user(Role.BUREAU), 4))).toBeNull();
    expect(pipelineScope(user(Role.CHAIN_LEADER, [2]))).toEqual([2]);
    expect(pipelineScope(user(Role.ADMIN))).toBeNull();
  });
});
