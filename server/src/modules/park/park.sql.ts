/**
 * Land and building totals per park ($1: park ids): parcel area by supply status and factory floor space. Idle land
 * follows DOMAIN.md (view parcel_land_flags: marked 闲置, or supplied and not started within the configured period),
 * the same rule as Park.capacity.idleMu.
 */
export const PARK_LAND_STATS = `
  SELECT p.id AS park_id,
         coalesce(sum(pa.area_m2), 0) AS parcel_m2,
         coalesce(sum(pa.area_m2) FILTER (WHERE pa.supply_status = 'available'), 0) AS available_m2,
         coalesce(sum(pa.area_m2) FILTER (WHERE pa.supply_status = 'reserve'), 0) AS reserve_m2,
         coalesce(sum(pa.area_m2) FILTER (WHERE g.is_idle), 0) AS idle_m2,
         count(pa.id)::int AS parcel_count,
         (SELECT coalesce(sum(f.floor_area_m2), 0) FROM factory_building f WHERE f.park_id = p.id) AS factory_m2,
         (SELECT coalesce(sum(f.vacant_floor_area_m2), 0) FROM factory_building f WHERE f.park_id = p.id) AS vacant_factory_m2
  FROM unnest($1::int[]) AS p(id)
  LEFT JOIN parcel pa ON pa.park_id = p.id
  LEFT JOIN parcel_land_flags g ON g.parcel_id = pa.id
  GROUP BY p.id`;

/** Updates a park's editable fields; $2 is the boundary as GeoJSON text or null to keep it. */
export const UPDATE_PARK = `
  UPDATE park SET
    name = coalesce($3, name),
    level = coalesce($4::park_level, level),
    kind = coalesce($5::park_kind, kind),
    intensity_floor = coalesce($6, intensity_floor),
    infrastructure = coalesce($7::text[], infrastructure),
    main_industries = coalesce($8::text[], main_industries),
    boundary = coalesce(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)), boundary)
  WHERE id = $1`;

/** (region, park) pairs for regions $1: parks in the region or any region below it in the hierarchy. */
export const PARKS_OF_REGIONS = `
  WITH RECURSIVE tree(root, id) AS (
    SELECT r.id, r.id FROM region r WHERE r.id = ANY($1::int[])
    UNION ALL
    SELECT t.root, c.id FROM tree t JOIN region c ON c.parent_id = t.id)
  SELECT t.root AS region, p.id FROM tree t JOIN park p ON p.region_id = t.id ORDER BY t.root, p.id`;

/** A main industry of the park contains the text ($n: a likePattern). */
export const PARK_INDUSTRY_MATCH = (pattern: string) => `array_to_string(t.main_industries, ' ') ILIKE ${pattern}`;

/** The direct sub-parks (园中园) of each park ($1: park ids). */
export const SUB_PARKS_OF_PARKS = 'SELECT id, parent_park_id FROM park WHERE parent_park_id = ANY($1::int[]) ORDER BY id';

// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** Level is one of the given. */
export const PARK_LEVEL_IN = (p: string) => `t.level = ANY(${p}::park_level[])`;
/** Kind is one of the given. */
export const PARK_KIND_IN = (p: string) => `t.kind = ANY(${p}::park_kind[])`;
