import type { Permissions_ViewerFragment } from '../graphql/generated/graphql';

// Mirrors server/src/auth/policy.ts (assertCanEditProject) to decide what to show; the server still enforces it.

/** What decides who may write a project: its introducing unit and the chain of its chain node. */
export interface ProjectScope {
  introducingUnitId: string;
  chainId: string | null | undefined;
}

/** Bureau and admin all projects; a district officer their unit's; a chain leader their chains'; planners and integrators none. */
export function canEditProject(viewer: Permissions_ViewerFragment | null | undefined, project: ProjectScope): boolean {
  if (!viewer) return false;
  switch (viewer.role) {
    case 'ADMIN':
    case 'BUREAU':
      return true;
    case 'DISTRICT':
      return viewer.unitId != null && viewer.unitId === project.introducingUnitId;
    case 'CHAIN_LEADER':
      return project.chainId != null && viewer.chainIds.includes(project.chainId);
    default:
      return false;
  }
}

/** Roles that may file new projects (district officers for their unit, chain leaders on a node of their chains). */
export function canCreateProjects(viewer: Permissions_ViewerFragment | null | undefined): boolean {
  if (!viewer) return false;
  switch (viewer.role) {
    case 'ADMIN':
    case 'BUREAU':
      return true;
    case 'DISTRICT':
      return viewer.unitId != null;
    case 'CHAIN_LEADER':
      return viewer.chainIds.length > 0;
    default:
      return false;
  }
}
