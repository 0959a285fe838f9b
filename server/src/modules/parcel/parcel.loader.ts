import type { AtlasContext } from '../../common/context';
import { In } from 'typeorm';
import { childPageLoader, entityLoader } from '../../common/listing';
import { groupByKey } from '../../common/loaders';
import type { Page } from '../../common/pagination';
import { SqlBuilder } from '../../common/sql-builder';
import { Parcel } from './parcel.entity';
import type { ParcelFilter } from './parcel.inputs';
import { applyParcelFilter } from './parcel.service';
import { PARCELS_OF_PARKS } from './parcel.sql';

export const parcelById = (ctx: AtlasContext) => entityLoader(ctx, 'parcel', Parcel);


/** One page of each park's parcels, in one statement for every park asking with the same page and filter. */
export function parcelPagesByPark(ctx: AtlasContext, page: Page, filter?: ParcelFilter | null) {
  const b = new SqlBuilder();
  b.param(null); b.param(null); b.param(null); // $1–$3 belong to childPageLoader (parents, cursor, limit)
  b.and('t.park_id = ANY($1::int[])');
  applyParcelFilter(b, filter);
  return childPageLoader(ctx, 'park.parcels', PARCELS_OF_PARKS(b.where), page, b.params.slice(3));
}

/** The parcels each project stands on (parcel.project_id). */
export const parcelsByProject = (ctx: AtlasContext) =>
  ctx.loaders.get<number, Parcel[]>('project.parcels', async (ids) => {
    const parcels = await ctx.db.getRepository(Parcel).find({ where: { projectId: In([...ids]) }, order: { id: 'ASC' } });
    return groupByKey(ids, parcels, (p) => p.projectId as number);
  });
