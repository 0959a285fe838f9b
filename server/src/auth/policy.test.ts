import { describe, expect, it } from 'vitest';
import { Role, type AuthUser } from './auth-user';
import { assertCanEditLand, assertCanEditProject, canCreateProjects, canEditLand, canEditProject, requireUser } from './policy';

const user = (role: Role, extra: Partial<AuthUser> = {}): AuthUser => ({ id: 1, username: role, displayName: role, role, unitId: null, chainIds: [], ...extra });
const code = (fn: () => void) => { try { fn(); return null; } catch (e) { return (e as { extensions: { code: string } }).extensions.code; } };

describe('policy', () => {
  it('needs a signed-in user', () => {
    expect(code(() => requireUser(null))).toBe('UNAUTHENTICATED');
    expect(requireUser(user(Role.ADMIN)).role).toBe(Role.ADMIN);
  });

  it('lets only planners and admins edit land', () => {
    for (const r of Object.values(Role)) {
      const may = r === Role.ADMIN || r === Role.PLANNER;
      expect(canEditLand(user(r))).toBe(may);
      expect(code(() => assertCanEditLand(user(r)))).toBe(may ? null : 'FORBIDDEN');
    }
    expect(canEditLand(null)).toBe(false);
  });

  it('scopes project edits by unit and chain, and the assert agrees with the boolean', () => {
    const p = { introducingUnitId: 7, chainId: 3 };
    const cases: [AuthUser, boolean][] = [
      [user(Role.ADMIN), true], [user(Role.BUREAU), true],
      [user(Role.DISTRICT, { unitId: 7 }), true], [user(Role.DISTRICT, { unitId: 8 }), false],
      [user(Role.CHAIN_LEADER, { chainIds: [3] }), true], [user(Role.CHAIN_LEADER, { chainIds: [4] }), false],
      [user(Role.PLANNER), false], [user(Role.INTEGRATOR), false],
    ];
    for (const [u, may] of cases) {
      expect(canEditProject(u, p)).toBe(may);
      expect(code(() => assertCanEditProject(u, p))).toBe(may ? null : 'FORBIDDEN');
    }
    expect(canEditProject(user(Role.CHAIN_LEADER, { chainIds: [3] }), { introducingUnitId: 7, chainId: null })).toBe(false);
    expect(canEditProject(null, p)).toBe(false);
  });

  it('lets someone file projects when some project could be theirs', () => {
    expect(canCreateProjects(user(Role.BUREAU))).toBe(true);
    expect(canCreateProjects(user(Role.DISTRICT, { unitId: 2 }))).toBe(true);
    expect(canCreateProjects(user(Role.DISTRICT))).toBe(false);
    expect(canCreateProjects(user(Role.CHAIN_LEADER, { chainIds: [1] }))).toBe(true);
    expect(canCreateProjects(user(Role.CHAIN_LEADER))).toBe(false);
    expect(canCreateProjects(user(Role.PLANNER))).toBe(false);
    expect(canCreateProjects(null)).toBe(false);
  });
});
