import type { ProjectStage } from '../graphql/generated/graphql';

// Display order only; which moves are allowed comes from the server (Project.allowedMoves).

/** The forward path, lead to at capacity, as the timeline draws it. */
export const LIFECYCLE: ProjectStage[] = ['LEAD', 'NEGOTIATING', 'SIGNED', 'STARTED', 'COMPLETED', 'IN_PRODUCTION', 'AT_CAPACITY'];
export const OFF_RAMPS: ProjectStage[] = ['ELIMINATED', 'TERMINATED'];

export const isOffRamp = (stage: ProjectStage) => OFF_RAMPS.includes(stage);
