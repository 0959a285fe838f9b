import type { AtlasContext } from '../../graphql/context';
import { byKey } from '../../common/loaders';
import type { UnitScore } from './assessment.entity';
import { AssessmentService } from './assessment.service';

/** Each unit's line of the ranking of one year as of one date: the whole ranking is computed once per request. */
export const unitScoreFor = (ctx: AtlasContext, year: number, asOf: string) =>
  ctx.loaders.get<number, UnitScore | null>(`assessment.unitScore:${year}:${asOf}`, async (unitIds) => {
    const service = new AssessmentService(ctx.db);
    if (!(await service.hasRule(year))) return unitIds.map(() => null);
    const r = await service.ranking(year, { asOf });
    return byKey(unitIds, [...r.districts, ...r.departments], (s) => s.unitId);
  });
