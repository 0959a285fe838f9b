import type { DataSource } from 'typeorm';
import { applySpatialFilter } from '../../common/filters';
import { listPage } from '../../common/listing';
import type { Page } from '../../common/pagination';
import { SqlBuilder } from '../../common/sql-builder';
import { Region } from './region.entity';
import type { RegionFilter } from './region.inputs';
import { REGION_CONTAINING_POINT } from './region.sql';

/** Lists and locates administrative regions. */
export class RegionService {
  constructor(private readonly db: DataSource) {}

  list(filter: RegionFilter | undefined, page: Page) {
    const b = new SqlBuilder();
    applySpatialFilter(b, filter, 't.boundary', 't.name');
    if (filter?.level) b.and(`t.level = ${b.param(filter.level)}`);
    if (filter?.codePrefix) b.and(`t.code LIKE ${b.param(`${filter.codePrefix.replace(/\D/g, '')}%`)}`);
    return listPage(this.db, Region, 'region', b, page);
  }

  /** The most specific region containing a GeoJSON point, or null. */
  async containing(pointGeoJson: string): Promise<number | null> {
    const [row] = await this.db.query(REGION_CONTAINING_POINT, [pointGeoJson]);
    return row ? Number(row.id) : null;
  }
}
