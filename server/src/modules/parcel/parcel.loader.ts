import type { AtlasContext } from '../../common/context';
import { childRowsLoader, entityLoader, findWhere } from '../../common/listing';
import { groupByKey } from '../../common/loaders';
import type { Page } from '../../common/pagination';
import { Parcel } from './parcel.entity';
import type { ParcelFilter } from './parcel.inputs';
import { applyParcelFilter } from './parcel.service';
import { PARCEL_IN_PARKS, PARCEL_OF_PROJECTS, PARCELS_OF_PARKS } from './parcel.sql';

export const parcelById = (ctx: AtlasContext) => entityLoader(ctx, 'parcel', Parcel);


/** One page of each park's parcels, rows included, in one statement for every park asking with the same page, filter and columns. */
export function parcelPagesByPark(ctx: AtlasContext, page: Page, filter: ParcelFilter | null | undefined, columns: string[]) {
  return childRowsLoader(ctx, 'park.parcels', Parcel, (b, parks) => {
    b.and(PARCEL_IN_PARKS(parks));
    applyParcelFilter(b, filter);
    return PARCELS_OF_PARKS(b.where);
  }, page, JSON.stringify(filter ?? null), columns);
}

/** The parcels each project stands on (parcel.project_id). */
export const parcelsByProject = (ctx: AtlasContext) =>
  ctx.loaders.get<number, Parcel[]>('project.parcels', async (ids) => {
    const parcels = await findWhere(ctx.db, Parcel, PARCEL_OF_PROJECTS, [ids], 't.id');
    return groupByKey(ids, parcels, (p) => p.projectId as number);
  });
