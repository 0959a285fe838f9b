// Feature collections served over OGC API Features and, with the same properties, as vector tiles (/tiles).
// Each is a table, its geometry column, the properties it exposes, and optional filters by query parameter.
// Array columns are joined with ',' because vector tiles have no array values: both sources then carry the same text.

export interface FeatureCollectionSpec {
  id: string;
  title: string;
  description: string;
  table: string;
  geometry: string;
  /**
   * SQL `json_build_object(...)` arguments for the feature properties, over alias `t`. Numbers are float8 (as the GraphQL
   * API spells them): tiles select the values as columns, and ST_AsMVT writes a numeric column as text.
   */
  properties: string;
  /** Query parameters accepted as equality filters: parameter → SQL column over alias `t` and its cast. */
  filters?: Record<string, { column: string; cast: string }>;
}

export const COLLECTIONS: FeatureCollectionSpec[] = [
  {
    id: 'regions', title: '行政区 Regions', description: 'Administrative regions (GB/T 2260) with boundaries.',
    table: 'region', geometry: 'boundary',
    properties: `'id', t.id, 'name', t.name, 'code', t.code, 'level', t.level`,
    filters: { level: { column: 't.level', cast: 'region_level' } },
  },
  {
    id: 'parks', title: '园区 Parks', description: 'Industrial parks by level and kind.',
    // Capacity and 亩均 figures (view park_capacity, migration 0060) ride along for the map themes: kept figures while
    // current, else the live view (park_capacity_current, migration 0103).
    table: '(SELECT pk.*, pc.* FROM park pk LEFT JOIN park_capacity_current pc ON pc.park_id = pk.id)', geometry: 'boundary',
    properties: `'id', t.id, 'name', t.name, 'level', t.level, 'kind', t.kind, 'parentParkId', t.parent_park_id, 'intensityFloor', t.intensity_floor::float8,
      'regionId', t.region_id, 'mainIndustries', array_to_string(t.main_industries, ','), 'infrastructure', array_to_string(t.infrastructure, ','),
      'availableMu', round((t.available_m2 / (10000.0 / 15))::numeric, 1)::float8, 'idleMu', round((t.idle_m2 / (10000.0 / 15))::numeric, 1)::float8,
      'idleCount', t.idle_count, 'lowBuildMu', round((t.low_build_m2 / (10000.0 / 15))::numeric, 1)::float8, 'lowBuildCount', t.low_build_count,
      'largestSiteMu', round((t.largest_site_m2 / (10000.0 / 15))::numeric, 1)::float8, 'vacantFloorM2', round(t.vacant_floor_m2::numeric, 0)::float8,
      'floorM2', round(t.floor_m2::numeric, 0)::float8, 'outputPerMu', round(t.output_per_mu::numeric, 1)::float8, 'taxPerMu', round(t.tax_per_mu::numeric, 2)::float8,
      'grade', t.grade`,
    filters: { level: { column: 't.level', cast: 'park_level' }, kind: { column: 't.kind', cast: 'park_kind' } },
  },
  {
    id: 'parcels', title: '地块 Parcels', description: 'Land parcels by land-use class and supply status.',
    // 闲置 and 圈大建小 flags (view parcel_land_flags, migration 0060) ride along for the map themes.
    // A lateral lookup per parcel (OFFSET 0 keeps it one): as a join, PostgreSQL sometimes hashed the view's whole
    // parcel table for a tile's few hundred parcels (1–2 s a tile on the 600,000-parcel city).
    table: '(SELECT pa.*, pf.is_idle, pf.is_low_build FROM parcel pa CROSS JOIN LATERAL (SELECT f.is_idle, f.is_low_build FROM parcel_land_flags f WHERE f.parcel_id = pa.id OFFSET 0) pf)',
    geometry: 'geom',
    properties: `'id', t.id, 'code', t.code, 'landUse', t.land_use, 'supplyStatus', t.supply_status, 'parkId', t.park_id, 'areaMu', round((t.area_m2 / (10000.0 / 15))::numeric, 2)::float8,
      'floorAreaRatio', t.floor_area_ratio::float8, 'builtFar', t.built_far::float8, 'landPrice', t.land_price::float8, 'projectId', t.project_id,
      'idle', t.is_idle, 'lowBuild', t.is_low_build`,
    filters: { landUse: { column: 't.land_use', cast: 'land_use' }, supplyStatus: { column: 't.supply_status', cast: 'supply_status' }, parkId: { column: 't.park_id', cast: 'int' } },
  },
  {
    id: 'factory-buildings', title: '标准化厂房 Factory buildings', description: 'Standard factory buildings with floor and vacant floor area.',
    table: 'factory_building', geometry: 'location',
    properties: `'id', t.id, 'name', t.name, 'parkId', t.park_id, 'floorAreaM2', t.floor_area_m2::float8, 'vacantFloorAreaM2', t.vacant_floor_area_m2::float8, 'floors', t.floors`,
    filters: { parkId: { column: 't.park_id', cast: 'int' } },
  },
  {
    id: 'projects', title: '招商项目 Projects', description: 'Investment projects by stage.',
    table: 'project', geometry: 'location',
    properties: `'id', t.id, 'name', t.name, 'code', t.code, 'stage', t.stage, 'agreedInvestment', t.agreed_investment::float8, 'parkId', t.park_id,
      'categoryCode', t.category_code, 'introducingUnitId', t.introducing_unit_id, 'chainNodeId', t.chain_node_id,
      'fixedAssetInvestment', t.fixed_asset_investment::float8, 'landNeedMu', t.land_need_mu::float8, 'qualityTags', array_to_string(t.quality_tags, ',')`,
    filters: { stage: { column: 't.stage', cast: 'project_stage' }, parkId: { column: 't.park_id', cast: 'int' } },
  },
  {
    id: 'enterprises', title: '企业 Enterprises', description: 'Enterprises; isLocal=true for local ones, false for outside candidates.',
    table: 'enterprise', geometry: 'location',
    properties: `'id', t.id, 'name', t.name, 'industryCode', t.industry_code, 'isLocal', t.is_local, 'city', t.city,
      'tags', array_to_string(t.tags, ','), 'registeredCapital', t.registered_capital::float8, 'revenue', t.revenue::float8, 'employees', t.employees`,
    filters: { isLocal: { column: 't.is_local', cast: 'boolean' } },
  },
];
