import type { DataSource } from 'typeorm';
import { applySpatialFilter, parseId } from '../../common/filters';
import { listPage } from '../../common/listing';
import type { Page } from '../../common/pagination';
import { SqlBuilder } from '../../common/sql-builder';
import { FactoryBuilding } from './factory-building.entity';
import type { FactoryBuildingFilter } from './factory-building.inputs';
import { BUILDING_IN_PARK, HAS_VACANCY, NO_VACANCY } from './factory-building.sql';

/** The list filter as SQL clauses over alias `t`; shared by the list and the aggregates. */
export function applyFactoryBuildingFilter(b: SqlBuilder, filter: FactoryBuildingFilter | undefined): void {
  applySpatialFilter(b, filter, 't.location', 't.name');
  if (filter?.parkId !== undefined && filter.parkId !== null) b.and(BUILDING_IN_PARK(b.param(parseId('parkId', filter.parkId))));
  if (filter?.hasVacancy === true) b.and(HAS_VACANCY);
  if (filter?.hasVacancy === false) b.and(NO_VACANCY);
}

/** Standard factory buildings: listing by place, park and vacancy. */
export class FactoryBuildingService {
  constructor(private readonly db: DataSource) {}

  list(filter: FactoryBuildingFilter | undefined, page: Page, columns?: string[]) {
    const b = new SqlBuilder();
    applyFactoryBuildingFilter(b, filter);
    return listPage(this.db, FactoryBuilding, 'factory_building', b, page, columns);
  }
}
