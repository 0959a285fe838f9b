import type { AtlasContext } from '../../common/context';
import { byKey, groupByKey } from '../../common/loaders';
import { entityLoader, findWhere } from '../../common/listing';
import { FundArrival, Project, ProjectMilestone, ProjectStageEvent } from './project.entity';
import { FUNDS_IN_PLACE, OF_PROJECTS, PARK_FLOORS } from './project.sql';

export const projectById = (ctx: AtlasContext) => entityLoader(ctx, 'project', Project);

export const stageHistoryByProject = (ctx: AtlasContext) =>
  ctx.loaders.get<number, ProjectStageEvent[]>('project.stageHistory', async (ids) => {
    const rows = await findWhere(ctx.db, ProjectStageEvent, OF_PROJECTS, [ids], 't.entered_on, t.stage');
    return groupByKey(ids, rows, (r) => r.projectId);
  });

export const fundArrivalsByProject = (ctx: AtlasContext) =>
  ctx.loaders.get<number, FundArrival[]>('project.fundArrivals', async (ids) => {
    const rows = await findWhere(ctx.db, FundArrival, OF_PROJECTS, [ids], 't.arrived_on, t.id');
    return groupByKey(ids, rows, (r) => r.projectId);
  });

export const milestonesByProject = (ctx: AtlasContext) =>
  ctx.loaders.get<number, ProjectMilestone[]>('project.milestones', async (ids) => {
    const rows = await findWhere(ctx.db, ProjectMilestone, OF_PROJECTS, [ids], 't.due_on, t.id');
    return groupByKey(ids, rows, (r) => r.projectId);
  });

export interface FundsRow { project_id: number; amount: string; foreign_amount: string }

/** Funds in place per project, keyed by as-of date (null = everything recorded). */
export const fundsInPlaceByProject = (ctx: AtlasContext, asOf: string | null) =>
  ctx.loaders.get<number, FundsRow | null>(`project.fundsInPlace:${asOf ?? ''}`, async (ids) => {
    const rows: FundsRow[] = await ctx.db.query(FUNDS_IN_PLACE, [ids, asOf]);
    return byKey(ids, rows, (r) => Number(r.project_id));
  });

export const parkFloorById = (ctx: AtlasContext) =>
  ctx.loaders.get<number, number | null>('project.parkFloor', async (ids) => {
    const rows: { id: number; intensity_floor: string }[] = await ctx.db.query(PARK_FLOORS, [ids]);
    return byKey(ids, rows, (r) => r.id).map((r) => (r ? Number(r.intensity_floor) : null));
  });

