import type { DataSource } from 'typeorm';
import { assertAmount } from '../../common/amounts';
import { recordAudit } from '../../common/audit';
import { ErrorCode, invalid, notFound } from '../../common/errors';
import { applySpatialFilter, parseId } from '../../common/filters';
import { assertValidGeometry } from '../../common/geometry';
import { listPage } from '../../common/listing';
import type { Page } from '../../common/pagination';
import { SqlBuilder } from '../../common/sql-builder';
import type { AuthUser } from '../../auth/auth-user';
import { assertCanEditLand } from '../../auth/policy';
import { Parcel } from './parcel.entity';
import type { ParcelFilter, UpdateParcelInput } from './parcel.inputs';
import { DEFAULT_IDLE_AFTER_DAYS, PARCEL_AREA_MU_AT_LEAST, PARCEL_AREA_MU_AT_MOST, PARCEL_IN_PARK, PARCEL_IS_IDLE, PARCEL_LAND_USE_IN, PARCEL_NOT_IDLE, PARCEL_SUPPLY_STATUS_IN, PARK_EXISTS, PROJECT_EXISTS, UPDATE_PARCEL } from './parcel.sql';

const MAX_FAR = 999.99; // numeric(5,2)
const SUPPLIED = ['supplied', 'under_construction', 'built'];

/** Adds the ParcelFilter clauses (over alias `t`) to a builder; shared by `parcels` and `Park.parcels`. */
export function applyParcelFilter(b: SqlBuilder, f: ParcelFilter | undefined | null): void {
  if (!f) return;
  applySpatialFilter(b, f, 't.geom', 't.code');
  if (f.landUses?.length) b.and(PARCEL_LAND_USE_IN(b.param(f.landUses)));
  if (f.supplyStatuses?.length) b.and(PARCEL_SUPPLY_STATUS_IN(b.param(f.supplyStatuses)));
  if (f.parkId !== undefined && f.parkId !== null) b.and(PARCEL_IN_PARK(b.param(parseId('parkId', f.parkId))));
  for (const [field, v] of [['minAreaMu', f.minAreaMu], ['maxAreaMu', f.maxAreaMu]] as const) {
    if (v !== undefined && v !== null && !(Number.isFinite(v) && v >= 0)) throw invalid(field, `must be 0 or more 亩; got ${v}`);
  }
  if (f.minAreaMu != null && f.maxAreaMu != null && f.minAreaMu > f.maxAreaMu) throw invalid('minAreaMu', `must not exceed maxAreaMu (${f.minAreaMu} > ${f.maxAreaMu})`);
  if (f.minAreaMu != null) b.and(PARCEL_AREA_MU_AT_LEAST(b.param(f.minAreaMu)));
  if (f.maxAreaMu != null) b.and(PARCEL_AREA_MU_AT_MOST(b.param(f.maxAreaMu)));
  const days = f.idleAfterDays ?? DEFAULT_IDLE_AFTER_DAYS;
  if (!(Number.isInteger(days) && days >= 0 && days <= 36500)) throw invalid('idleAfterDays', `must be a whole number of days from 0 to 36500; got ${days}`);
  if (f.idle === true) b.and(PARCEL_IS_IDLE(b.param(days)));
  if (f.idle === false) b.and(PARCEL_NOT_IDLE(b.param(days)));
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k) && (o as Record<string, unknown>)[k] !== undefined;

/** Land parcels: listing with spatial and land filters, and planners' edits (validated, audited). */
export class ParcelService {
  constructor(private readonly db: DataSource) {}

  list(filter: ParcelFilter | undefined, page: Page, columns?: string[]) {
    const b = new SqlBuilder();
    applyParcelFilter(b, filter);
    return listPage(this.db, Parcel, 'parcel', b, page, columns);
  }

  /** Validates the whole input first, then changes the row and writes the audit entry in one transaction. */
  async update(user: AuthUser, id: number, input: UpdateParcelInput): Promise<Parcel> {
    assertCanEditLand(user);
    const changes: Record<string, unknown> = {};
    for (const k of ['landUse', 'supplyStatus', 'geom'] as const) {
      if (Object.prototype.hasOwnProperty.call(input, k) && input[k] === null) throw invalid(k, 'cannot be cleared; omit it to keep the current value');
    }
    if (has(input, 'landUse')) changes.landUse = input.landUse;
    if (has(input, 'supplyStatus')) changes.supplyStatus = input.supplyStatus;
    for (const k of ['floorAreaRatio', 'builtFar'] as const) {
      if (!has(input, k)) continue;
      const v = input[k] ?? null;
      assertAmount(k, v, 'floor-area ratio');
      if (v !== null && v > MAX_FAR) throw invalid(k, `must be at most ${MAX_FAR}; got ${v}`, ErrorCode.INVALID_AMOUNT);
      changes[k] = v;
    }
    if (has(input, 'landPrice')) {
      assertAmount('landPrice', input.landPrice, '万元');
      changes.landPrice = input.landPrice ?? null;
    }
    if (has(input, 'suppliedOn')) changes.suppliedOn = input.suppliedOn ?? null;
    const parkId = has(input, 'parkId') ? (input.parkId === null ? null : parseId('parkId', input.parkId!)) : undefined;
    const projectId = has(input, 'projectId') ? (input.projectId === null ? null : parseId('projectId', input.projectId!)) : undefined;
    if (parkId !== undefined) changes.parkId = parkId;
    if (projectId !== undefined) changes.projectId = projectId;
    const geom = input.geom ? await assertValidGeometry(this.db, 'geom', input.geom, ['Polygon', 'MultiPolygon']) : null;

    return this.db.transaction(async (em) => {
      const repo = em.getRepository(Parcel);
      const before = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw notFound('Parcel', id);
      // Supplied, under-construction and built land has a supply date (idle-land rules count from it).
      const status = (changes.supplyStatus ?? before.supplyStatus) as string;
      const suppliedOn = has(input, 'suppliedOn') ? changes.suppliedOn : before.suppliedOn;
      if ((has(input, 'supplyStatus') || has(input, 'suppliedOn')) && SUPPLIED.includes(status) && !suppliedOn) {
        throw invalid('suppliedOn', `a ${status.toUpperCase()} parcel needs its supply date; give suppliedOn`, ErrorCode.INVALID_DATE);
      }
      if (parkId != null) {
        const [p] = await em.query(PARK_EXISTS, [parkId]);
        if (!p) throw notFound('Park', parkId);
      }
      if (projectId != null) {
        const [p] = await em.query(PROJECT_EXISTS, [projectId]);
        if (!p) throw notFound('Project', projectId);
      }
      await em.query(UPDATE_PARCEL, [id, JSON.stringify(changes), geom]);
      const after = (await repo.findOneBy({ id }))!;
      await recordAudit(em, user, 'update', 'parcel', id, before, after);
      return after;
    });
  }
}
