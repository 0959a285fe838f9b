import type { AtlasContext } from '../../common/context';
import { byKey, groupByKey } from '../../common/loaders';
import { entityLoader, findByIds } from '../../common/listing';
import { Park } from './park.entity';
import { PARKS_OF_REGIONS, PARK_LAND_STATS, SUB_PARKS_OF_PARKS } from './park.sql';

export const parkById = (ctx: AtlasContext) => entityLoader(ctx, 'park', Park);

/** 园中园: the sub-parks of each park. */
export const subParksByParent = (ctx: AtlasContext) =>
  ctx.loaders.get<number, Park[]>('park.subParks', async (ids) => {
    const rows: { id: number }[] = await ctx.db.query(SUB_PARKS_OF_PARKS, [ids]);
    const parks = await findByIds(ctx.db, Park, rows.map((r) => r.id));
    return groupByKey(ids, parks, (p) => p.parentParkId as number);
  });

export interface ParkLandStatsRow {
  park_id: number; parcel_m2: number; available_m2: number; reserve_m2: number; idle_m2: number;
  parcel_count: number; factory_m2: string; vacant_factory_m2: string;
}

export const parkLandStats = (ctx: AtlasContext) =>
  ctx.loaders.get<number, ParkLandStatsRow | null>('park.landStats', async (ids) => {
    const rows: ParkLandStatsRow[] = await ctx.db.query(PARK_LAND_STATS, [ids]);
    return byKey(ids, rows, (r) => Number(r.park_id));
  });

/** Parks per region, including parks in the region's descendants (a city lists its districts' parks). */
export const parksByRegion = (ctx: AtlasContext) =>
  ctx.loaders.get<number, Park[]>('park.byRegion', async (ids) => {
    const rows: { region: number; id: number }[] = await ctx.db.query(PARKS_OF_REGIONS, [ids]);
    const parks = await findByIds(ctx.db, Park, [...new Set(rows.map((r) => r.id))]);
    const byId = new Map(parks.map((p) => [p.id, p]));
    return groupByKey(ids, rows, (r) => r.region).map((list) => list.map((r) => byId.get(r.id)!).filter(Boolean));
  });
