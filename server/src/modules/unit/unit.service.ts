import type { DataSource } from 'typeorm';
import { invalid } from '../../common/errors';
import { listPage } from '../../common/listing';
import type { Page } from '../../common/pagination';
import { likePattern, SqlBuilder } from '../../common/sql-builder';
import { AssessmentCategory, AssessmentCoefficient, AssessmentUnit } from './unit.entity';
import type { AssessmentUnitFilter } from './unit.inputs';
import { UNIT_OF_KIND, UNIT_TEXT_MATCH } from './unit.sql';

/** Years the assessment tables accept (their CHECK constraints). */
export function assertYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid('year', `must be a year from 2000 to 2100; got ${year}`);
  return year;
}

/** Assessment units and the assessment's reference data (categories and their coefficients per year). */
export class UnitService {
  constructor(private readonly db: DataSource) {}

  list(filter: AssessmentUnitFilter | undefined, page: Page, columns?: string[]) {
    const b = new SqlBuilder();
    if (filter?.kind) b.and(UNIT_OF_KIND(b.param(filter.kind)));
    if (filter?.text?.trim()) b.and(UNIT_TEXT_MATCH(b.param(likePattern(filter.text.trim()))));
    return listPage(this.db, AssessmentUnit, 'assessment_unit', b, page, columns);
  }

  categories(): Promise<AssessmentCategory[]> {
    return this.db.getRepository(AssessmentCategory).find({ order: { code: 'ASC' } });
  }

  coefficients(year: number): Promise<AssessmentCoefficient[]> {
    return this.db.getRepository(AssessmentCoefficient).find({ where: { year: assertYear(year) }, order: { categoryCode: 'ASC' } });
  }
}
