import type { AtlasContext } from '../../common/context';
import { AtlasError, ErrorCode } from '../../common/errors';
import { byKey } from '../../common/loaders';
import { RateGroup, type RateRow, type UnitScore } from './assessment.entity';
import { UNIT_OF_REGIONS } from './assessment.sql';
import { AssessmentService } from './assessment.service';

/** Each unit's line of the ranking of one year as of one date: the whole ranking is computed once per request. */
export const unitScoreFor = (ctx: AtlasContext, year: number, asOf: string) =>
  ctx.loaders.get<number, UnitScore | null>(`assessment.unitScore:${year}:${asOf}`, async (unitIds) => {
    // A year nobody configured has no scores (null), not an error on every unit.
    let r;
    try {
      r = await new AssessmentService(ctx.db).ranking(year, { asOf });
    } catch (e) {
      if (e instanceof AtlasError && e.extensions.code === ErrorCode.NOT_FOUND) return unitIds.map(() => null);
      throw e;
    }
    return byKey(unitIds, [...r.districts, ...r.departments], (s) => s.unitId);
  });

/** The district/county unit of each region (one statement for every region asked). */
export const unitByRegion = (ctx: AtlasContext) =>
  ctx.loaders.get<number, number | null>('assessment.unitByRegion', async (regionIds) => {
    const rows: { id: number; region_id: number }[] = await ctx.db.query(UNIT_OF_REGIONS, [[...regionIds]]);
    return regionIds.map((r) => rows.find((x) => x.region_id === r)?.id ?? null);
  });

/** Each unit's four rates for a year as of a date: the rates by unit are computed once per request. */
export const unitRatesFor = (ctx: AtlasContext, year: number, asOf: string) =>
  ctx.loaders.get<number, RateRow | null>(`assessment.unitRates:${year}:${asOf}`, async (unitIds) => {
    const rows = await new AssessmentService(ctx.db).rates({ year }, { asOf }, RateGroup.UNIT);
    return byKey(unitIds, rows, (r) => r.groupId as number);
  });
