// Land import and export SQL. Reprojection is PostGIS ST_Transform (PROJ), from the file's SRID ($2) to WGS 84.

/**
 * Geometry checks for features $1 (jsonb [{i, gj | wkb}]) in SRID $2: validity and its reason in the source CRS,
 * the outline in WGS 84 as GeoJSON, geodesic area, whether the city covers it, and the smallest park holding it.
 */
export const CHECK_GEOMETRIES = `
  WITH r AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(i int, gj text, wkb text)),
  g AS (SELECT r.i, ST_Force2D(ST_SetSRID(CASE WHEN r.gj IS NOT NULL THEN ST_GeomFromGeoJSON(r.gj) ELSE ST_GeomFromWKB(decode(r.wkb, 'hex')) END, $2::int)) AS src FROM r),
  t AS (SELECT g.i, GeometryType(g.src) AS gtype, ST_IsValid(g.src) AS ok, ST_IsValidReason(g.src) AS reason,
               CASE WHEN ST_IsValid(g.src) THEN ST_Multi(ST_Transform(g.src, 4326)) END AS geom FROM g),
  city AS (SELECT ST_Union(boundary) AS b FROM region WHERE level = 'city')
  SELECT t.i, t.gtype, t.ok, t.reason, ST_AsGeoJSON(t.geom, 9) AS geojson, ST_Area(t.geom::geography) AS area_m2,
         CASE WHEN t.geom IS NOT NULL THEN ST_CoveredBy(t.geom, (SELECT b FROM city)) END AS in_city,
         (SELECT p.id FROM park p WHERE t.geom IS NOT NULL AND ST_Covers(p.boundary, ST_PointOnSurface(t.geom))
          ORDER BY ST_Area(p.boundary) LIMIT 1) AS park_id
  FROM t ORDER BY t.i`;

/** The parcels already stored under codes $1, locked for the import's transaction. */
export const EXISTING_PARCELS = `
  SELECT id, code, park_id, land_use::text, supply_status::text, floor_area_ratio::float8 AS far, built_far::float8 AS built_far,
         land_price::float8 AS land_price, supplied_on::text AS supplied_on, ST_AsGeoJSON(geom, 9) AS geojson
  FROM parcel WHERE code = ANY($1::text[]) FOR UPDATE`;

/** Tolerance for "the same outline": 1e-8° (about 1 mm), so an exported and re-imported file (reprojected twice) matches. */
export const MOVED_OUTLINES = `
  SELECT r.code, ST_HausdorffDistance(p.geom, ST_SetSRID(ST_GeomFromGeoJSON(r.geojson), 4326)) > 1e-8 AS moved
  FROM jsonb_to_recordset($1::jsonb) AS r(code text, geojson text) JOIN parcel p ON p.code = r.code`;

/**
 * Inserts or updates parcels by code from $1 (jsonb rows); a row whose every attribute is unchanged and whose outline moved
 * less than MOVED_OUTLINES' tolerance is left alone, so importing the same file twice changes nothing. Returns the rows written, with `created`.
 */
export const UPSERT_PARCELS = `
  INSERT INTO parcel AS p (code, park_id, geom, land_use, supply_status, floor_area_ratio, built_far, land_price, supplied_on)
  SELECT r.code, r.park_id, ST_SetSRID(ST_GeomFromGeoJSON(r.geojson), 4326), r.land_use::land_use, r.supply_status::supply_status,
         r.far, r.built_far, r.land_price, r.supplied_on
  FROM jsonb_to_recordset($1::jsonb) AS r(code text, park_id int, geojson text, land_use text, supply_status text,
       far numeric, built_far numeric, land_price numeric, supplied_on date)
  ON CONFLICT (code) DO UPDATE SET
    park_id = excluded.park_id, geom = excluded.geom, land_use = excluded.land_use, supply_status = excluded.supply_status,
    floor_area_ratio = excluded.floor_area_ratio, built_far = excluded.built_far, land_price = excluded.land_price, supplied_on = excluded.supplied_on
  WHERE (p.park_id, p.land_use, p.supply_status, p.floor_area_ratio, p.built_far, p.land_price, p.supplied_on)
        IS DISTINCT FROM (excluded.park_id, excluded.land_use, excluded.supply_status, excluded.floor_area_ratio, excluded.built_far, excluded.land_price, excluded.supplied_on)
     OR ST_HausdorffDistance(p.geom, excluded.geom) > 1e-8
  RETURNING p.id, p.code, (xmax = 0) AS created`;

/**
 * Parcels to export ($1: park id or null, $2: parcel ids or null, $3: target SRID) with their attributes; outlines in
 * the target SRID, outer rings clockwise as Shapefiles want them.
 */
export const EXPORT_PARCELS = `
  SELECT t.id, t.code, k.name AS park_name, t.land_use::text AS land_use, t.supply_status::text AS supply_status,
         t.area_m2, t.floor_area_ratio::float8 AS far, t.built_far::float8 AS built_far, t.land_price::float8 AS land_price,
         t.supplied_on::text AS supplied_on, f.is_idle, f.is_low_build,
         ST_X(ST_PointOnSurface(t.geom)) AS lon, ST_Y(ST_PointOnSurface(t.geom)) AS lat,
         ST_AsGeoJSON(ST_ForcePolygonCW(ST_Transform(t.geom, $3::int)), 9)::json AS geometry
  FROM parcel t LEFT JOIN park k ON k.id = t.park_id JOIN parcel_land_flags f ON f.parcel_id = t.id
  WHERE ($1::int IS NULL OR t.park_id = $1) AND ($2::int[] IS NULL OR t.id = ANY($2::int[]))
  ORDER BY t.code`;

/** OGC WKT of SRID $1, for a Shapefile's .prj. */
export const SRS_WKT = `SELECT srtext FROM spatial_ref_sys WHERE srid = $1`;

/** The parks a boundary file may name. */
export const PARKS_FOR_IMPORT = `SELECT id, name FROM park ORDER BY id`;

/** Park $1's boundary as GeoJSON, locked for the import's transaction (the audit row's "before"). */
export const PARK_BOUNDARY_FOR_UPDATE = `SELECT ST_AsGeoJSON(boundary, 9) AS geojson FROM park WHERE id = $1 FOR UPDATE`;

/** Whether each new outline ($1 jsonb [{id, geojson}]) moved from park id's stored boundary by more than about 1 mm. */
export const MOVED_PARK_BOUNDARIES = `
  SELECT r.id, ST_HausdorffDistance(p.boundary, ST_SetSRID(ST_GeomFromGeoJSON(r.geojson), 4326)) > 1e-8 AS moved
  FROM jsonb_to_recordset($1::jsonb) AS r(id int, geojson text) JOIN park p ON p.id = r.id`;

/**
 * Sets park $1's boundary to GeoJSON $2 (WGS 84), unless it is the same outline; returns the park when written (as a
 * SELECT over the UPDATE, so the driver returns the rows alone, not [rows, count]).
 */
export const UPDATE_PARK_BOUNDARY = `
  WITH u AS (
    UPDATE park SET boundary = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326))
    WHERE id = $1 AND ST_HausdorffDistance(boundary, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)) > 1e-8
    RETURNING id)
  SELECT id FROM u`;

/** Every park's id and name (features are matched to parks by name). */
export const PARK_NAMES = 'SELECT id, name FROM park';

/** The id of a park, if it exists ($1: park id). */
export const PARK_ID_EXISTS = 'SELECT id FROM park WHERE id = $1';

/** GeoPackage (SQLite) probe: fails unless the file has a gpkg_contents table. */
export const GPKG_PROBE = 'SELECT 1 FROM gpkg_contents LIMIT 1';

/** GeoPackage (SQLite): the first feature table, its geometry column and its spatial reference system. */
export const GPKG_FEATURE_TABLE = `SELECT c.table_name, g.column_name, g.srs_id, s.organization, s.organization_coordsys_id, s.definition
                       FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
                       LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
                       WHERE c.data_type = 'features' ORDER BY c.table_name LIMIT 1`;

/** GeoPackage (SQLite): every row of a feature table (the name quoted for SQLite). */
export const GPKG_TABLE_ROWS = (table: string) => `SELECT * FROM "${table.replace(/"/g, '""')}"`;
