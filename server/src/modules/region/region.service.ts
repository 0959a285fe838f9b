import type { DataSource } from 'typeorm';
import { applySpatialFilter } from '../../common/filters';
import { listPage } from '../../common/listing';
import type { Page } from '../../common/pagination';
import { likePattern, SqlBuilder } from '../../common/sql-builder';
import { Region } from './region.entity';
import type { RegionFilter } from './region.inputs';
import { REGION_AT_LEVEL, REGION_CODE_LIKE } from './region.sql';

/** Lists and locates administrative regions. */
export class RegionService {
  constructor(private readonly db: DataSource) {}

  list(filter: RegionFilter | undefined, page: Page, columns?: string[]) {
    const b = new SqlBuilder();
    applySpatialFilter(b, filter, 't.boundary', 't.name');
    if (filter?.level) b.and(REGION_AT_LEVEL(b.param(filter.level)));
    if (filter?.codePrefix) b.and(REGION_CODE_LIKE(b.param(likePattern(filter.codePrefix.replace(/\D/g, ''), 'prefix'))));
    return listPage(this.db, Region, 'region', b, page, columns);
  }
}
