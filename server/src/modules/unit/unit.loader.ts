import { In } from 'typeorm';
import type { AtlasContext } from '../../common/context';
import { entityLoader } from '../../common/listing';
import { byKey, groupByKey } from '../../common/loaders';
import { AnnualTarget, AssessmentCategory, AssessmentCoefficient, AssessmentUnit } from './unit.entity';

export const assessmentUnitById = (ctx: AtlasContext) => entityLoader(ctx, 'assessmentUnit', AssessmentUnit);

/** Every annual target of each unit, by year. */
export const targetsByUnit = (ctx: AtlasContext) =>
  ctx.loaders.get<number, AnnualTarget[]>('assessmentUnit.targets', async (ids) => {
    const rows = await ctx.db.getRepository(AnnualTarget).find({ where: { unitId: In([...ids]) }, order: { year: 'ASC' } });
    return groupByKey(ids, rows, (t) => t.unitId);
  });

export const categoryByCode = (ctx: AtlasContext) =>
  ctx.loaders.get<string, AssessmentCategory | null>('assessmentCategory.byCode', async (codes) => {
    const rows = await ctx.db.getRepository(AssessmentCategory).findBy({ code: In([...codes]) });
    return byKey(codes, rows, (c) => c.code);
  });

/** The coefficient of each category in one year: one statement per year asked, whatever the number of categories. */
export const coefficientByCategory = (ctx: AtlasContext, year: number) =>
  ctx.loaders.get<string, AssessmentCoefficient | null>(`assessmentCoefficient:${year}`, async (codes) => {
    const rows = await ctx.db.getRepository(AssessmentCoefficient).findBy({ year, categoryCode: In([...codes]) });
    return byKey(codes, rows, (c) => c.categoryCode);
  });
