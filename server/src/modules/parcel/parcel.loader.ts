import type { AtlasContext } from '../../common/context';
import { In } from 'typeorm';
import { childPageLoader, entityLoader } from '../../common/listing';
import { groupByKey } from '../../common/loaders';
import type { Page } from '../../common/pagination';
import { Parcel } from './parcel.entity';
import type { ParcelFilter } from './parcel.inputs';
import { applyParcelFilter } from './parcel.service';
import { PARCEL_IN_PARKS, PARCELS_OF_PARKS } from './parcel.sql';

export const parcelById = (ctx: AtlasContext) => entityLoader(ctx, 'parcel', Parcel);


/** One page of each park's parcels, in one statement for every park asking with the same page and filter. */
export function parcelPagesByPark(ctx: AtlasContext, page: Page, filter?: ParcelFilter | null) {
  return childPageLoader(ctx, 'park.parcels', (b, parks) => {
    b.and(PARCEL_IN_PARKS(parks));
    applyParcelFilter(b, filter);
    return PARCELS_OF_PARKS(b.where);
  }, page, JSON.stringify(filter ?? null));
}

/** The parcels each project stands on (parcel.project_id). */
export const parcelsByProject = (ctx: AtlasContext) =>
  ctx.loaders.get<number, Parcel[]>('project.parcels', async (ids) => {
    const parcels = await ctx.db.getRepository(Parcel).find({ where: { projectId: In([...ids]) }, order: { id: 'ASC' } });
    return groupByKey(ids, parcels, (p) => p.projectId as number);
  });
