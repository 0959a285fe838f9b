// Aggregates: one statement per request. The entity's list filter selects rows into `f` (alias `t` inside),
// dimensions group them, measures sum them, and names are joined once per group, not per row.

/** A grouping dimension: the SQL key over `f` (and the dimension's join), and where its label comes from. */
export interface Dimension {
  /** Output column name of the key. */
  out: string;
  expr: string;
  join?: string;
  /** Joined after grouping: `LEFT JOIN <table> ON <table>.<idColumn> = g.<out>`, giving `<labelOut>`. */
  label?: { table: string; idColumn: string; column: string; labelOut: string };
}

export interface AggregateSpec {
  table: string;
  /** A point per row for grid binning (polygons use a point on their surface, so each row falls in one cell). */
  point: string;
  /** The column the grid bounds come from when the filter gives no bbox. */
  geometry: string;
  measures: string;
  /** Joins the measures need, with `$asOf` standing for the as-of date parameter where used. */
  joins?: string;
  dimensions: Record<string, Dimension>;
}

const REGION_LABEL = { table: 'region', idColumn: 'id', column: 'name', labelOut: 'regionName' };
const PARK_LABEL = { table: 'park', idColumn: 'id', column: 'name', labelOut: 'parkName' };
const NODE_LABEL = { table: 'chain_node', idColumn: 'id', column: 'name', labelOut: 'chainNodeName' };
const PARK_OF_ROW = 'LEFT JOIN park rp ON rp.id = f.park_id';

/** Projects: agreed investment, funds in place up to the as-of date (实际到位), land need. MONTH is the signing month (签约). */
export const PROJECT_AGGREGATE: AggregateSpec = {
  table: 'project', point: 'f.location', geometry: 'location',
  measures: `count(*)::int AS count, coalesce(sum(f.agreed_investment), 0)::float AS "agreedInvestment",
             coalesce(sum(fip.amount), 0)::float AS "fundsInPlace", coalesce(sum(f.land_need_mu), 0)::float AS "landNeedMu"`,
  joins: `LEFT JOIN LATERAL (SELECT sum(a.amount) AS amount FROM fund_arrival a WHERE a.project_id = f.id AND a.arrived_on <= $asOf::date) fip ON true`,
  dimensions: {
    REGION: { out: 'regionId', expr: 'f.region_id', label: REGION_LABEL },
    PARK: { out: 'parkId', expr: 'f.park_id', label: PARK_LABEL },
    STAGE: { out: 'stage', expr: 'f.stage::text' },
    CHAIN_NODE: { out: 'chainNodeId', expr: 'f.chain_node_id', label: NODE_LABEL },
    CATEGORY: { out: 'categoryCode', expr: 'f.category_code', label: { table: 'assessment_category', idColumn: 'code', column: 'name', labelOut: 'categoryName' } },
    MONTH: { out: 'month', expr: `to_char(signed.entered_on, 'YYYY-MM')`, join: `LEFT JOIN project_stage_event signed ON signed.project_id = f.id AND signed.stage = 'signed'` },
  },
};

/** Parcels: count and geodesic area in 亩 (1 亩 = 10000/15 m²). REGION is the park's region; MONTH the supply month. */
export const PARCEL_AGGREGATE: AggregateSpec = {
  table: 'parcel', point: 'ST_PointOnSurface(f.geom)', geometry: 'geom',
  measures: `count(*)::int AS count, coalesce(sum(f.area_m2), 0)::float / (10000.0 / 15) AS "areaMu"`,
  dimensions: {
    REGION: { out: 'regionId', expr: 'rp.region_id', join: PARK_OF_ROW, label: REGION_LABEL },
    PARK: { out: 'parkId', expr: 'f.park_id', label: PARK_LABEL },
    LAND_USE: { out: 'landUse', expr: 'f.land_use::text' },
    SUPPLY_STATUS: { out: 'supplyStatus', expr: 'f.supply_status::text' },
    MONTH: { out: 'month', expr: `to_char(f.supplied_on, 'YYYY-MM')` },
  },
};

/** Standard factory buildings: floor and vacant floor area (m²). */
export const FACTORY_BUILDING_AGGREGATE: AggregateSpec = {
  table: 'factory_building', point: 'f.location', geometry: 'location',
  measures: `count(*)::int AS count, coalesce(sum(f.floor_area_m2), 0)::float AS "floorAreaM2", coalesce(sum(f.vacant_floor_area_m2), 0)::float AS "vacantFloorAreaM2"`,
  dimensions: {
    REGION: { out: 'regionId', expr: 'rp.region_id', join: PARK_OF_ROW, label: REGION_LABEL },
    PARK: { out: 'parkId', expr: 'f.park_id', label: PARK_LABEL },
  },
};

/** Enterprises: count, revenue, registered capital. By CHAIN_NODE an enterprise counts once in every node it is mapped to. */
export const ENTERPRISE_AGGREGATE: AggregateSpec = {
  table: 'enterprise', point: 'f.location', geometry: 'location',
  measures: `count(*)::int AS count, coalesce(sum(f.revenue), 0)::float AS revenue, coalesce(sum(f.registered_capital), 0)::float AS "registeredCapital"`,
  dimensions: {
    REGION: { out: 'regionId', expr: 'f.region_id', label: REGION_LABEL },
    CHAIN_NODE: { out: 'chainNodeId', expr: 'ecn.chain_node_id', join: 'JOIN enterprise_chain_node ecn ON ecn.enterprise_id = f.id', label: NODE_LABEL },
  },
};

/** Area in m² (Web Mercator) of a bbox ($1..$4 in WGS 84). */
export const BBOX_AREA = `SELECT ST_Area(ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 3857)) AS area`;

/** Area in m² (Web Mercator) of the grid bounds: the bbox, or the filtered rows' extent. */
export const GRID_BOUNDS_AREA = (table: string, geometry: string, where: string) => `
  SELECT ST_Area(ST_Transform(ST_SetSRID(ST_Extent(t.${geometry}), 4326), 3857)) AS area FROM ${table} t ${where}`;

/**
 * The aggregate statement. `dims` are the chosen dimensions; `grid` bins rows by square or hexagonal cells of
 * `size` Web Mercator metres. Grids are aligned to the SRS origin, so the cell of a row comes from the grid over
 * that row's point alone (O(1) per row, no cell table to scan) and its polygon from ST_Square / ST_Hexagon.
 */
export function aggregateSql(spec: AggregateSpec, dims: Dimension[], where: string, p: { asOf?: string; grid?: { shape: 'SQUARE' | 'HEXAGON'; size: string } }): string {
  const joins = [spec.joins?.replace(/\$asOf/g, p.asOf ?? 'current_date') ?? '', ...dims.map((d) => d.join ?? '')].filter((j, i, all) => j && all.indexOf(j) === i);
  const keys = dims.map((d) => `${d.expr} AS "${d.out}"`);
  const groups = dims.map((d) => `"${d.out}"`);
  const labels = dims.filter((d) => d.label).map((d) => `LEFT JOIN ${d.label!.table} l_${d.out} ON l_${d.out}.${d.label!.idColumn} = g."${d.out}"`);
  const labelCols = dims.filter((d) => d.label).map((d) => `l_${d.out}.${d.label!.column} AS "${d.label!.labelOut}"`);
  if (p.grid) {
    const [grid, cell] = p.grid.shape === 'HEXAGON' ? ['ST_HexagonGrid', 'ST_Hexagon'] : ['ST_SquareGrid', 'ST_Square'];
    // A point on a shared edge touches two cells: the lowest (i, j) takes it, so every row counts once.
    joins.push(`JOIN LATERAL (SELECT c.i, c.j FROM ${grid}(${p.grid.size}, ST_Transform(${spec.point}, 3857)) c
                WHERE ST_Intersects(c.geom, ST_Transform(${spec.point}, 3857)) ORDER BY c.i, c.j LIMIT 1) cell ON true`);
    keys.push('cell.i AS "cellI"', 'cell.j AS "cellJ"');
    groups.push('"cellI"', '"cellJ"');
    labelCols.push(`ST_AsGeoJSON(ST_Transform(ST_SetSRID(${cell}(${p.grid.size}, g."cellI", g."cellJ"), 3857), 4326), 7)::json AS cell`);
  }
  return `
  WITH f AS (SELECT t.* FROM ${spec.table} t ${where}),
  g AS (
    SELECT ${[...keys, spec.measures].join(', ')}
    FROM f ${joins.join(' ')}
    ${groups.length ? `GROUP BY ${groups.map((_, i) => i + 1).join(', ')}` : ''}
  )
  SELECT g.*${labelCols.length ? ', ' + labelCols.join(', ') : ''} FROM g ${labels.join(' ')}
  ORDER BY ${groups.length ? groups.map((c) => `g.${c}`).join(', ') : '1'}`;
}
