import type { AtlasContext } from '../../common/context';
import { byKey } from '../../common/loaders';
import { ENTERPRISE_YIELDS, PARCEL_FLAGS, PARK_CAPACITY } from './planning.sql';

export interface ParkCapacityRow {
  park_id: number; parcel_m2: number; available_m2: number; idle_m2: number; idle_count: number; low_build_m2: number; low_build_count: number;
  largest_site_m2: number; floor_m2: string; vacant_floor_m2: string; enterprise_count: number | null; yield_synthetic: boolean | null; yield_land_mu: string | null;
  yield_output: string | null; yield_tax: string | null; output_per_mu: number | null; tax_per_mu: number | null; grade: string | null;
}

export const parkCapacity = (ctx: AtlasContext) =>
  ctx.loaders.get<number, ParkCapacityRow | null>('planning.parkCapacity', async (ids) => {
    const rows: ParkCapacityRow[] = await ctx.db.query(PARK_CAPACITY, [ids]);
    return byKey(ids, rows, (r) => Number(r.park_id));
  });

export interface ParcelFlagsRow { parcel_id: number; is_idle: boolean; is_low_build: boolean }

export const parcelFlags = (ctx: AtlasContext) =>
  ctx.loaders.get<number, ParcelFlagsRow | null>('planning.parcelFlags', async (ids) => {
    const rows: ParcelFlagsRow[] = await ctx.db.query(PARCEL_FLAGS, [ids]);
    return byKey(ids, rows, (r) => Number(r.parcel_id));
  });

export interface EnterpriseYieldRow {
  enterprise_id: number; year: number; land_mu: number; output: number; tax: number; output_per_mu: number; tax_per_mu: number; grade: string; synthetic: boolean;
}

export const enterpriseYields = (ctx: AtlasContext) =>
  ctx.loaders.get<number, EnterpriseYieldRow | null>('planning.enterpriseYields', async (ids) => {
    const rows: EnterpriseYieldRow[] = await ctx.db.query(ENTERPRISE_YIELDS, [ids]);
    return byKey(ids, rows, (r) => Number(r.enterprise_id));
  });
