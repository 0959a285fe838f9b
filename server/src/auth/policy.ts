import { AtlasError, ErrorCode, forbidden } from '../common/errors';
import { Role, type AuthUser } from './auth-user';

/** Every data query needs a signed-in caller or an API key. */
export function requireUser(user: AuthUser | null): AuthUser {
  if (!user) throw new AtlasError(ErrorCode.UNAUTHENTICATED, 'Sign in first: send "Authorization: Bearer <token>" from signIn, or "X-API-Key" for integrators');
  return user;
}

/** Read-only callers (integrator keys) may call no mutation; checked before any input is validated. */
export function assertMayWrite(user: AuthUser): void {
  if (user.role === Role.INTEGRATOR) throw forbidden('change data (integrator keys are read-only)');
}

/** Planners and admins edit parks and parcels. */
export function assertCanEditLand(user: AuthUser): void {
  if (user.role !== Role.ADMIN && user.role !== Role.PLANNER) throw forbidden('edit parks or parcels (planner or admin only)');
}

/** Who may write a project: bureau and admin all; a district officer their unit's; a chain leader their chains'. */
export function assertCanEditProject(user: AuthUser, p: { introducingUnitId: number; chainId: number | null }): void {
  switch (user.role) {
    case Role.ADMIN:
    case Role.BUREAU:
      return;
    case Role.DISTRICT:
      if (user.unitId === p.introducingUnitId) return;
      throw forbidden(`edit projects of another unit (yours is unit ${user.unitId}; this project is credited to unit ${p.introducingUnitId})`);
    case Role.CHAIN_LEADER:
      if (p.chainId !== null && user.chainIds.includes(p.chainId)) return;
      throw forbidden('edit projects outside your chains (set a chain node of one of your chains)');
    default:
      throw forbidden('edit projects');
  }
}
