import type { ProjectStage } from '../graphql/generated/graphql';

// The lifecycle rules of DOMAIN.md, as server/src/modules/project/project-stage.ts applies them.

/** The forward path, lead to at capacity. */
export const LIFECYCLE: ProjectStage[] = ['LEAD', 'NEGOTIATING', 'SIGNED', 'STARTED', 'COMPLETED', 'IN_PRODUCTION', 'AT_CAPACITY'];
export const OFF_RAMPS: ProjectStage[] = ['ELIMINATED', 'TERMINATED'];
const FINAL = new Set<ProjectStage>(['AT_CAPACITY', 'ELIMINATED', 'TERMINATED']);

/** Where a project may move next: the following stage, plus 淘汰 before signing or 终止 after; nothing from a final stage. */
export function allowedMoves(current: ProjectStage): ProjectStage[] {
  if (FINAL.has(current)) return [];
  const next = LIFECYCLE[LIFECYCLE.indexOf(current) + 1];
  const offRamp: ProjectStage = current === 'LEAD' || current === 'NEGOTIATING' ? 'ELIMINATED' : 'TERMINATED';
  return next ? [next, offRamp] : [offRamp];
}

export const isOffRamp = (stage: ProjectStage) => OFF_RAMPS.includes(stage);

/** Funds may arrive once a project is signed (also after 终止, for money already paid in), never for a dropped lead. */
export const acceptsFunds = (stage: ProjectStage) => LIFECYCLE.indexOf(stage) >= LIFECYCLE.indexOf('SIGNED') || stage === 'TERMINATED';

/** Today in China (UTC+8): the server dates stages and arrivals in local time. */
export const todayInChina = (now = Date.now()) => new Date(now + 8 * 3600_000).toISOString().slice(0, 10);

/** The latest date a stage was entered (stage moves never go back in time). */
export function lastStageDate(history: readonly { enteredOn: string }[]): string | null {
  return history.reduce<string | null>((max, e) => (max === null || e.enteredOn > max ? e.enteredOn : max), null);
}
