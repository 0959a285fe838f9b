import type { AtlasContext } from '../../graphql/context';
import { In } from 'typeorm';
import { childPageLoader, entityLoader } from '../../common/listing';
import { byKey, groupByKey } from '../../common/loaders';
import type { Page } from '../../common/pagination';
import { SqlBuilder } from '../../common/sql-builder';
import { Project } from '../project/project.entity';
import { Parcel } from './parcel.entity';
import type { ParcelFilter } from './parcel.inputs';
import { applyParcelFilter } from './parcel.service';
import { CHILD_PAGE, PARCELS_OF_PARKS } from './parcel.sql';

export const parcelById = (ctx: AtlasContext) => entityLoader(ctx, 'parcel', Parcel);

/** Same name as the project module's loader, so both share one per-request cache. */
export const projectById = (ctx: AtlasContext) => entityLoader(ctx, 'project', Project);

export interface ChildPage { ids: number[]; totalCount: number; hasNextPage: boolean }

/**
 * One page of each park's parcels, in one statement for every park asking with the same page and filter.
 * Without a filter this is the shared childPageLoader; with one, the filter's values follow the loader's $1–$3.
 */
export function parcelPagesByPark(ctx: AtlasContext, page: Page, filter?: ParcelFilter | null) {
  const b = new SqlBuilder();
  b.param(null); b.param(page.afterId); b.param(page.first + 1); // $1–$3, as CHILD_PAGE expects; $1 is set per batch
  b.and('t.park_id = ANY($1::int[])');
  applyParcelFilter(b, filter);
  if (b.params.length === 3) return childPageLoader(ctx, 'park.parcels', PARCELS_OF_PARKS(b.where), page);
  return ctx.loaders.get<number, ChildPage>(`park.parcels:${page.first}:${page.afterId}:${JSON.stringify(filter)}`, async (parents) => {
    const rows: { parent: number; total: number; ids: number[] }[] = await ctx.db.query(
      CHILD_PAGE(PARCELS_OF_PARKS(b.where)), [parents, ...b.params.slice(1)]);
    return byKey(parents, rows, (r) => Number(r.parent)).map((r) => {
      const ids = (r?.ids ?? []).map(Number);
      return { ids: ids.slice(0, page.first), totalCount: r?.total ?? 0, hasNextPage: ids.length > page.first };
    });
  });
}

/** The parcels each project stands on (parcel.project_id). */
export const parcelsByProject = (ctx: AtlasContext) =>
  ctx.loaders.get<number, Parcel[]>('project.parcels', async (ids) => {
    const parcels = await ctx.db.getRepository(Parcel).find({ where: { projectId: In([...ids]) }, order: { id: 'ASC' } });
    return groupByKey(ids, parcels, (p) => p.projectId as number);
  });
