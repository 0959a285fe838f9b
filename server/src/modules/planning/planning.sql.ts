// Planning SQL: capacity figures, land flags, 亩均 yields, the site finder and the fit check. Values are `$n` parameters.

/** Park capacity and 亩均 figures from the park_capacity view (migration 0060) for parks $1. */
export const PARK_CAPACITY = `
  SELECT c.park_id, c.parcel_m2, c.available_m2, c.idle_m2, c.idle_count, c.low_build_m2, c.low_build_count, c.largest_site_m2,
         c.floor_m2, c.vacant_floor_m2, c.enterprise_count, c.yield_synthetic, c.yield_land_mu, c.yield_output, c.yield_tax,
         c.output_per_mu::float8 AS output_per_mu, c.tax_per_mu::float8 AS tax_per_mu, c.grade
  FROM park_capacity c WHERE c.park_id = ANY($1::int[])`;

/** 闲置 and 圈大建小 flags for parcels $1 (view parcel_land_flags). */
export const PARCEL_FLAGS = `SELECT f.parcel_id, f.is_idle, f.is_low_build FROM parcel_land_flags f WHERE f.parcel_id = ANY($1::int[])`;

/** Latest 亩均 figures for enterprises $1 (view enterprise_mu_yield). */
export const ENTERPRISE_YIELDS = `
  SELECT y.enterprise_id, y.year, y.land_area_mu::float8 AS land_mu, y.annual_output::float8 AS output, y.annual_tax::float8 AS tax,
         y.output_per_mu::float8 AS output_per_mu, y.tax_per_mu::float8 AS tax_per_mu, y.grade, y.synthetic
  FROM enterprise_mu_yield y WHERE y.enterprise_id = ANY($1::int[])`;

/** The grade thresholds, best grade first. */
export const GRADE_THRESHOLDS = `SELECT grade, min_output_per_mu::float8 AS min_output, min_tax_per_mu::float8 AS min_tax FROM mu_grade_threshold ORDER BY grade`;

/** The planner knobs (one row). */
export const PLANNER_SETTING = `SELECT idle_after_days, low_build_ratio::float8 AS low_build_ratio, contiguity_m::float8 AS contiguity_m FROM planner_setting`;

/**
 * Site finder. `where` filters parcels `t` joined with their park `p` (with $n placeholders). Fixed parameters:
 * $1 land need in m², $2 the project's fixed-asset investment (万元, null = unknown), $3/$4 lon/lat of the point to
 * measure from (null = none), $5 the result limit. Single parcels meeting the need alone, and contiguous groups
 * (DBSCAN within planner_setting.contiguity_m, per park) of two or more matching parcels that meet it together.
 * Ranked: parks whose intensity floor the project meets first, then nearer, then the least land left over.
 */
export const FIND_SITES = (where: string) => `
  WITH cand AS (
    SELECT t.id, t.park_id, t.geom, t.area_m2
    FROM parcel t LEFT JOIN park p ON p.id = t.park_id
    ${where}),
  clustered AS (
    SELECT c.*, ST_ClusterDBSCAN(c.geom, eps := (SELECT s.contiguity_m FROM planner_setting s)::float8 / 111320.0, minpoints := 1)
             OVER (PARTITION BY c.park_id) AS cluster
    FROM cand c),
  sites AS (
    SELECT 'SINGLE' AS kind, ARRAY[c.id] AS parcel_ids, c.park_id, c.area_m2, c.geom FROM cand c WHERE c.area_m2 >= $1::float8
    UNION ALL
    SELECT 'GROUP', array_agg(k.id ORDER BY k.id), k.park_id, sum(k.area_m2), ST_Multi(ST_Union(k.geom))
    FROM clustered k GROUP BY k.park_id, k.cluster HAVING count(*) >= 2 AND sum(k.area_m2) >= $1::float8),
  ranked AS (
    SELECT s.*, p.intensity_floor::float8 AS floor,
           CASE WHEN $2::float8 IS NULL OR p.id IS NULL THEN NULL ELSE $2::float8 / ($1::float8 / (10000.0 / 15)) END AS intensity,
           CASE WHEN $3::float8 IS NULL THEN NULL
                ELSE ST_Distance(s.geom::geography, ST_SetSRID(ST_MakePoint($3::float8, $4::float8), 4326)::geography) END AS distance_m
    FROM sites s LEFT JOIN park p ON p.id = s.park_id)
  SELECT r.kind, r.parcel_ids, r.park_id, r.area_m2, r.floor, r.intensity, r.distance_m,
         (r.intensity IS NULL OR r.intensity >= r.floor) AS meets_floor,
         ST_AsGeoJSON(r.geom, 7)::json AS outline,
         count(*) OVER ()::int AS total
  FROM ranked r
  ORDER BY (r.intensity IS NOT NULL AND r.intensity < r.floor), r.distance_m NULLS LAST, r.area_m2 - $1::float8, r.kind DESC, r.parcel_ids
  LIMIT $5`;

/** What the fit check reads about project $1: its figures, its park, its chain and node path, and the land on it. */
export const FIT_CHECK_FACTS = `
  SELECT pr.id, pr.land_need_mu::float8 AS land_need_mu, pr.fixed_asset_investment::float8 AS fai, pr.park_id, pk.name AS park_name,
         pk.intensity_floor::float8 AS floor, pk.main_industries,
         c.available_m2, c.largest_site_m2,
         (SELECT coalesce(sum(x.area_m2), 0) FROM parcel x WHERE x.project_id = pr.id) AS own_parcel_m2,
         ch.name AS chain_name,
         (WITH RECURSIVE up(id, name, parent_id) AS (
            SELECT n.id, n.name, n.parent_id FROM chain_node n WHERE n.id = pr.chain_node_id
            UNION ALL SELECT n.id, n.name, n.parent_id FROM chain_node n JOIN up ON n.id = up.parent_id)
          SELECT coalesce(array_agg(up.name), '{}') FROM up) AS node_path
  FROM project pr
  LEFT JOIN park pk ON pk.id = pr.park_id
  LEFT JOIN park_capacity c ON c.park_id = pr.park_id
  LEFT JOIN chain_node cn ON cn.id = pr.chain_node_id
  LEFT JOIN chain ch ON ch.id = cn.chain_id
  WHERE pr.id = $1`;

// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** Site finder (t: parcel, p: park): supply status is one of the given. */
export const SITE_SUPPLY_STATUS_IN = (p: string) => `t.supply_status = ANY(${p}::supply_status[])`;
/** Site finder: land use is one of the given. */
export const SITE_LAND_USE_IN = (p: string) => `t.land_use = ANY(${p}::land_use[])`;
/** Site finder: in one park. */
export const SITE_IN_PARK = (p: string) => `t.park_id = ${p}`;
/** Site finder: the park's level is one of the given. */
export const SITE_PARK_LEVEL_IN = (p: string) => `p.level = ANY(${p}::park_level[])`;
/** Site finder: the park's kind is one of the given. */
export const SITE_PARK_KIND_IN = (p: string) => `p.kind = ANY(${p}::park_kind[])`;
/** Site finder: one of the park's main industries matches a LIKE pattern. */
export const SITE_PARK_INDUSTRY_MATCH = (p: string) => `array_to_string(p.main_industries, ' ') ILIKE ${p}`;
/** Site finder: the park has all the given infrastructure. */
export const SITE_PARK_HAS_INFRASTRUCTURE = (p: string) => `p.infrastructure @> ${p}::text[]`;
/** Site finder: within N metres of a point (geodesic). */
export const SITE_WITHIN_METERS = (lon: string, lat: string, meters: string) => `ST_DWithin(t.geom::geography, ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326)::geography, ${meters}::float8)`;
