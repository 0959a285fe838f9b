import type { AtlasContext } from '../../common/context';
import { byKey, groupByKey } from '../../common/loaders';
import { entityLoader } from '../../common/listing';
import { FundArrival, Project, ProjectMilestone, ProjectStageEvent } from './project.entity';
import { FUNDS_IN_PLACE, PARK_FLOORS } from './project.sql';

export const projectById = (ctx: AtlasContext) => entityLoader(ctx, 'project', Project);

export const stageHistoryByProject = (ctx: AtlasContext) =>
  ctx.loaders.get<number, ProjectStageEvent[]>('project.stageHistory', async (ids) => {
    const rows = await ctx.db.getRepository(ProjectStageEvent).createQueryBuilder('e')
      .where('e.project_id = ANY(:ids)', { ids }).orderBy('e.entered_on').addOrderBy('e.stage').getMany();
    return groupByKey(ids, rows, (r) => r.projectId);
  });

export const fundArrivalsByProject = (ctx: AtlasContext) =>
  ctx.loaders.get<number, FundArrival[]>('project.fundArrivals', async (ids) => {
    const rows = await ctx.db.getRepository(FundArrival).createQueryBuilder('f')
      .where('f.project_id = ANY(:ids)', { ids }).orderBy('f.arrived_on').addOrderBy('f.id').getMany();
    return groupByKey(ids, rows, (r) => r.projectId);
  });

export const milestonesByProject = (ctx: AtlasContext) =>
  ctx.loaders.get<number, ProjectMilestone[]>('project.milestones', async (ids) => {
    const rows = await ctx.db.getRepository(ProjectMilestone).createQueryBuilder('m')
      .where('m.project_id = ANY(:ids)', { ids }).orderBy('m.due_on').addOrderBy('m.id').getMany();
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

