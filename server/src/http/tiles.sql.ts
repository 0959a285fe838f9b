// Vector tile SQL. The tile envelope is built in Web Mercator (ST_TileEnvelope) and transformed to the
// column SRID (4326) for the `&&` filter, so the GiST index on the geometry column is used; the margin
// matches the MVT buffer so features just outside the tile still draw across its edge.

/** MVT extent (pixels per tile side) and buffer, shared by ST_AsMVT and the geojson-vt fallback. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

/**
 * One layer of one tile as MVT. $1 z, $2 x, $3 y, $4 layer name; `filters` adds the collection's equality filters ($5…). Attributes are the OGC collection's
 * properties as jsonb (ST_AsMVT turns its keys into tag names, dropping nulls); the feature id is the row id.
 */
export const TILE_MVT = (table: string, geometry: string, properties: string, filters = '') => `
  WITH bounds AS (
    SELECT ST_TileEnvelope($1, $2, $3) AS merc,
           ST_Transform(ST_TileEnvelope($1, $2, $3, margin => ${TILE_BUFFER}.0 / ${TILE_EXTENT}), 4326) AS geog
  ), mvt AS (
    SELECT t.id,
           ST_AsMVTGeom(ST_Transform(t.${geometry}, 3857), bounds.merc, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom,
           jsonb_build_object(${properties}) AS props
    FROM ${table} t, bounds
    WHERE t.${geometry} && bounds.geog ${filters}
  )
  SELECT ST_AsMVT(mvt.*, $4, ${TILE_EXTENT}, 'geom', 'id') AS tile FROM mvt WHERE mvt.geom IS NOT NULL`;

/**
 * The fallback's input: GeoJSON features whose bbox meets the buffered tile bounds ($1..$4 = minLon, minLat,
 * maxLon, maxLat in 4326, computed by the caller), with the same properties; geojson-vt clips and encodes.
 */
export const TILE_FEATURES = (table: string, geometry: string, properties: string, filters = '') => `
  SELECT t.id, ST_AsGeoJSON(t.${geometry}, 9)::json AS geometry, jsonb_build_object(${properties}) AS props
  FROM ${table} t
  WHERE t.${geometry} && ST_MakeEnvelope($1, $2, $3, $4, 4326) ${filters}`;

/** Encodes a one-point tile: fails where PostGIS was built without protobuf-c (the embedded PGlite declares ST_AsMVT but cannot run it). */
export const PROBE_ST_ASMVT = `SELECT length(ST_AsMVT(q, 'probe')) >= 0 AS ok
  FROM (SELECT 1 AS id, ST_AsMVTGeom(ST_MakePoint(0.5, 0.5), ST_MakeEnvelope(0, 0, 1, 1)) AS geom) q`;

/** The current version of one tile layer, bumped by triggers in every writing transaction (migration 0070). */
export const LAYER_VERSION = `SELECT version::text AS version FROM tile_layer_version WHERE layer = $1`;

/** The layer version and the tile in one statement (one round trip, one snapshot: the version is the data's). */
export const VERSIONED_TILE_MVT = (table: string, geometry: string, properties: string, filters = '') => `
  SELECT (SELECT version::text FROM tile_layer_version WHERE layer = $4) AS version,
         (${TILE_MVT(table, geometry, properties, filters)}) AS tile`;
