import type { DataSource } from 'typeorm';
import { invalid } from '../../common/errors';
import type { SpatialFilter } from '../../common/filters';
import { SqlBuilder } from '../../common/sql-builder';
import { todayInChina } from '../../common/dates';
import { applyEnterpriseFilter, type EnterpriseFilter } from '../enterprise';
import { applyFactoryBuildingFilter, type FactoryBuildingFilter } from '../factory-building';
import { applyParcelFilter, type ParcelFilter } from '../parcel';
import { applyProjectFilter, type ProjectFilter } from '../project';
import { type AggregateBucket, GridShape, type GridInput } from './aggregate.entity';
import {
  BBOX_AREA, ENTERPRISE_AGGREGATE, FACTORY_BUILDING_AGGREGATE, GRID_BOUNDS_AREA, PARCEL_AGGREGATE, PROJECT_AGGREGATE, aggregateSql, type AggregateSpec,
} from './aggregate.sql';

/** At most this many cells over the bounds, so one request cannot ask for millions of cells. */
export const MAX_GRID_CELLS = 20_000;
const MIN_CELL_METERS = 50;

const EMPTY: Omit<AggregateBucket, 'count'> = {
  regionId: null, regionName: null, parkId: null, parkName: null, stage: null, landUse: null, supplyStatus: null, chainNodeId: null,
  chainNodeName: null, categoryCode: null, categoryName: null, month: null, cell: null, agreedInvestment: null, fundsInPlace: null,
  landNeedMu: null, areaMu: null, floorAreaM2: null, vacantFloorAreaM2: null, revenue: null, registeredCapital: null,
};

/** Counts and sums per group over the same filters as the lists, optionally binned into a square or hexagonal grid. */
export class AggregateService {
  constructor(private readonly db: DataSource) {}

  projects(filter: ProjectFilter | undefined, groupBy: string[], grid?: GridInput | null, fundsAsOf?: string | null) {
    return this.run(PROJECT_AGGREGATE, applyProjectFilter, filter, groupBy, grid, fundsAsOf ?? todayInChina());
  }

  parcels(filter: ParcelFilter | undefined, groupBy: string[], grid?: GridInput | null) {
    return this.run(PARCEL_AGGREGATE, applyParcelFilter, filter, groupBy, grid);
  }

  factoryBuildings(filter: FactoryBuildingFilter | undefined, groupBy: string[], grid?: GridInput | null) {
    return this.run(FACTORY_BUILDING_AGGREGATE, applyFactoryBuildingFilter, filter, groupBy, grid);
  }

  enterprises(filter: EnterpriseFilter | undefined, groupBy: string[], grid?: GridInput | null) {
    return this.run(ENTERPRISE_AGGREGATE, applyEnterpriseFilter, filter, groupBy, grid);
  }

  private async run<F extends SpatialFilter>(
    spec: AggregateSpec, apply: (b: SqlBuilder, f: F | undefined) => void, filter: F | undefined, groupBy: string[], grid?: GridInput | null, asOf?: string,
  ): Promise<AggregateBucket[]> {
    const dims = [...new Set(groupBy)].map((g) => spec.dimensions[g]);
    const b = new SqlBuilder();
    apply(b, filter);
    let gridSql: { shape: GridShape; size: string } | undefined;
    if (grid) {
      if (!(grid.sizeMeters >= MIN_CELL_METERS)) throw invalid('grid.sizeMeters', `must be at least ${MIN_CELL_METERS}`);
      // The bounds are the bbox, or the filtered rows' extent; refuse a request that would make too many cells.
      const bbox = filter?.bbox;
      const area = bbox
        ? await this.db.query(BBOX_AREA, bbox).then(([r]) => r.area)
        : await this.db.query(GRID_BOUNDS_AREA(spec.table, spec.geometry, b.where), b.params).then(([r]) => r.area);
      const cellArea = grid.shape === GridShape.HEXAGON ? 1.5 * Math.sqrt(3) * grid.sizeMeters ** 2 : grid.sizeMeters ** 2;
      if (area && area / cellArea > MAX_GRID_CELLS) {
        throw invalid('grid.sizeMeters', `${grid.sizeMeters} m cells would cut the area into about ${Math.round(area / cellArea)} cells (at most ${MAX_GRID_CELLS}); use larger cells or a smaller bbox`);
      }
      gridSql = { shape: grid.shape, size: b.param(grid.sizeMeters) };
    }
    const asOfParam = asOf ? b.param(asOf) : undefined;
    const rows: Record<string, unknown>[] = await this.db.query(aggregateSql(spec, dims, b.where, { asOf: asOfParam, grid: gridSql }), b.params);
    return rows.map((r) => ({
      ...EMPTY, ...r,
      regionId: r.regionId == null ? null : String(r.regionId as number), parkId: r.parkId == null ? null : String(r.parkId as number),
      chainNodeId: r.chainNodeId == null ? null : String(r.chainNodeId as number),
    }) as AggregateBucket);
  }
}
