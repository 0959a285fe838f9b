import type { DataSource } from 'typeorm';
import { assertAmount, MAX_AMOUNT_12_2 } from '../../common/amounts';
import { recordAudit } from '../../common/audit';
import { invalid, notFound } from '../../common/errors';
import { applySpatialFilter } from '../../common/filters';
import { assertValidGeometry } from '../../common/geometry';
import { listPage } from '../../common/listing';
import type { Page } from '../../common/pagination';
import { likePattern, SqlBuilder } from '../../common/sql-builder';
import type { AuthUser } from '../../auth/auth-user';
import { assertCanEditLand } from '../../auth/policy';
import { Park } from './park.entity';
import type { ParkFilter, UpdateParkInput } from './park.inputs';
import { PARK_INDUSTRY_MATCH, PARK_KIND_IN, PARK_LEVEL_IN, UPDATE_PARK } from './park.sql';

/** The list filter as SQL clauses over alias `t`; shared by the list and its compiled read (park.projection.ts). */
export function applyParkFilter(b: SqlBuilder, filter: ParkFilter | undefined): void {
  applySpatialFilter(b, filter, 't.boundary', 't.name');
  if (filter?.levels?.length) b.and(PARK_LEVEL_IN(b.param(filter.levels)));
  if (filter?.kinds?.length) b.and(PARK_KIND_IN(b.param(filter.kinds)));
  if (filter?.industry?.trim()) b.and(PARK_INDUSTRY_MATCH(b.param(likePattern(filter.industry.trim()))));
}

/** Parks: listing with spatial filters, and planners' edits (validated, audited). */
export class ParkService {
  constructor(private readonly db: DataSource) {}

  list(filter: ParkFilter | undefined, page: Page, columns?: string[]) {
    const b = new SqlBuilder();
    applyParkFilter(b, filter);
    return listPage(this.db, Park, 'park', b, page, columns);
  }

  async update(user: AuthUser, id: number, input: UpdateParkInput): Promise<Park> {
    assertCanEditLand(user);
    if (input.name !== undefined && input.name !== null && !input.name.trim()) throw invalid('name', 'must not be empty');
    assertAmount('intensityFloor', input.intensityFloor, '万元/亩', { max: MAX_AMOUNT_12_2 });
    const boundary = input.boundary ? await assertValidGeometry(this.db, 'boundary', input.boundary, ['Polygon', 'MultiPolygon']) : null;
    return this.db.transaction(async (em) => {
      const before = await em.getRepository(Park).findOneBy({ id });
      if (!before) throw notFound('Park', id);
      await em.query(UPDATE_PARK, [id, boundary, input.name?.trim() ?? null, input.level ?? null, input.kind ?? null,
        input.intensityFloor ?? null, input.infrastructure ?? null, input.mainIndustries ?? null]);
      const after = (await em.getRepository(Park).findOneBy({ id }))!;
      await recordAudit(em, user, 'update', 'park', id, before, after);
      return after;
    });
  }
}
