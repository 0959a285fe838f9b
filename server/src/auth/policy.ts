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
export const canEditLand = (user: AuthUser | null): boolean => user?.role === Role.ADMIN || user?.role === Role.PLANNER;

/** The write rule for parks and parcels, as mutations enforce it. */
export function assertCanEditLand(user: AuthUser): void {
  if (!canEditLand(user)) throw forbidden('edit parks or parcels (planner or admin only)');
}

/** What decides who may write a project: its introducing unit and the chain of its chain node. */
export interface ProjectScope {
  introducingUnitId: number;
  chainId: number | null;
}

/**
 * Who may write a project: bureau and admin all; a district officer their unit's; a chain leader their chains'.
 * Returns why not (for the FORBIDDEN message), or null when the user may.
 */
export function projectEditRefusal(user: AuthUser | null, p: ProjectScope): string | null {
  switch (user?.role) {
    case Role.ADMIN:
    case Role.BUREAU:
      return null;
    case Role.DISTRICT:
      if (user.unitId === p.introducingUnitId) return null;
      return `edit projects of another unit (yours is unit ${user.unitId}; this project is credited to unit ${p.introducingUnitId})`;
    case Role.CHAIN_LEADER:
      if (p.chainId !== null && user.chainIds.includes(p.chainId)) return null;
      return 'edit projects outside your chains (set a chain node of one of your chains)';
    default:
      return 'edit projects';
  }
}

/** Whether the user may write this project (the same rule every project mutation enforces). */
export const canEditProject = (user: AuthUser | null, p: ProjectScope): boolean => projectEditRefusal(user, p) === null;

export function assertCanEditProject(user: AuthUser, p: ProjectScope): void {
  const refusal = projectEditRefusal(user, p);
  if (refusal) throw forbidden(refusal);
}

/** Whether the user could file any project at all: someone who may edit some project (a district officer needs a unit, a chain leader a chain). */
export function canCreateProjects(user: AuthUser | null): boolean {
  switch (user?.role) {
    case Role.ADMIN:
    case Role.BUREAU:
      return true;
    case Role.DISTRICT:
      return user.unitId !== null;
    case Role.CHAIN_LEADER:
      return user.chainIds.length > 0;
    default:
      return false;
  }
}
