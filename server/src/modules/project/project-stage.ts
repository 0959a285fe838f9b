import { ProjectStage } from './project.entity';

/** The forward path of the lifecycle (seed 003); off-ramps are handled separately. */
export const STAGE_PATH: ProjectStage[] = [
  ProjectStage.LEAD, ProjectStage.NEGOTIATING, ProjectStage.SIGNED, ProjectStage.STARTED,
  ProjectStage.COMPLETED, ProjectStage.IN_PRODUCTION, ProjectStage.AT_CAPACITY,
];

const FINAL = new Set([ProjectStage.AT_CAPACITY, ProjectStage.ELIMINATED, ProjectStage.TERMINATED]);

/** Stages a project may move to next: the following stage, or an off-ramp (淘汰 before signing, 终止 after). */
export function allowedMoves(current: ProjectStage): ProjectStage[] {
  if (FINAL.has(current)) return [];
  const next = STAGE_PATH[STAGE_PATH.indexOf(current) + 1];
  const offRamp = current === ProjectStage.LEAD || current === ProjectStage.NEGOTIATING ? ProjectStage.ELIMINATED : ProjectStage.TERMINATED;
  return [next, offRamp];
}

/** True once a project has been signed (funds may arrive from then on). */
export const isSignedOrLater = (s: ProjectStage) =>
  STAGE_PATH.indexOf(s) >= STAGE_PATH.indexOf(ProjectStage.SIGNED) || s === ProjectStage.TERMINATED;
