// Vector tile SQL. The tile envelope is built in Web Mercator (ST_TileEnvelope) and transformed to the
// column SRID (4326) for the `&&` filter, so the GiST index on the geometry column is used; the margin
// matches the MVT buffer so features just outside the tile still draw across its edge.

/** MVT extent (pixels per tile side) and buffer, shared by ST_AsMVT and the geojson-vt fallback. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

/**
 * One tile of one layer as MVT. $1 z, $2 x, $3 y, $4 layer name; `filters` adds the collection's equality filters ($5…). Attributes are the OGC collection's
 * properties as jsonb (ST_AsMVT turns its keys into tag names, dropping nulls); the feature id is the row id.
 * With `labels`, a second MVT layer "<layer>-label" holds one point per feature (ST_PointOnSurface), only in the tile
 * that contains it: a polygon cut by tile edges then gets one label, not one per piece (MVT layers concatenate).
 */
export const TILE_MVT = (table: string, geometry: string, properties: string, filters = '', labels = false) => `
  WITH bounds AS (
    SELECT ST_TileEnvelope($1, $2, $3) AS merc,
           ST_Transform(ST_TileEnvelope($1, $2, $3, margin => ${TILE_BUFFER}.0 / ${TILE_EXTENT}), 4326) AS geog
  ), mvt AS (
    SELECT t.id,
           ST_AsMVTGeom(ST_Transform(t.${geometry}, 3857), bounds.merc, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom,
           jsonb_build_object(${properties}) AS props${labels ? `,
           ST_AsMVTGeom(ST_Transform(ST_PointOnSurface(t.${geometry}), 3857), bounds.merc, ${TILE_EXTENT}, 0, true) AS label` : ''}
    FROM ${table} t, bounds
    WHERE t.${geometry} && bounds.geog ${filters}
  )
  ${labels
    ? `SELECT coalesce((SELECT ST_AsMVT(m.*, $4, ${TILE_EXTENT}, 'geom', 'id') FROM (SELECT id, geom, props FROM mvt WHERE geom IS NOT NULL) m), ''::bytea)
         || coalesce((SELECT ST_AsMVT(l.*, $4 || '${LABEL_SUFFIX}', ${TILE_EXTENT}, 'geom', 'id') FROM (SELECT id, label AS geom, props FROM mvt WHERE label IS NOT NULL) l), ''::bytea) AS tile`
    : `SELECT ST_AsMVT(mvt.*, $4, ${TILE_EXTENT}, 'geom', 'id') AS tile FROM mvt WHERE mvt.geom IS NOT NULL`}`;

/**
 * Leaves out features spanning less than half a tile unit at zoom z (`span`: a layer's bbox-span expression, indexed):
 * ST_AsMVTGeom would collapse them anyway, and on a dense city at low zoom they are nearly all of the rows.
 * The threshold is a number computed from the validated zoom, written into the statement.
 */
export const SPAN_FILTER = (span: string | undefined, z: number) =>
  span ? `AND ${span} >= ${((0.5 * 360) / (TILE_EXTENT * 2 ** z)).toExponential(6)}` : '';

/** Name suffix of a layer's label-point MVT layer. */
export const LABEL_SUFFIX = '-label';

/**
 * The fallback's input: GeoJSON features whose bbox meets the buffered tile bounds ($1..$4 = minLon, minLat,
 * maxLon, maxLat in 4326, computed by the caller), with the same properties (and label points); geojson-vt clips and encodes.
 */
export const TILE_FEATURES = (table: string, geometry: string, properties: string, filters = '', labels = false) => `
  SELECT t.id, ST_AsGeoJSON(t.${geometry}, 9)::json AS geometry, jsonb_build_object(${properties}) AS props${labels ? `,
         ST_AsGeoJSON(ST_PointOnSurface(t.${geometry}), 9)::json AS label` : ''}
  FROM ${table} t
  WHERE t.${geometry} && ST_MakeEnvelope($1, $2, $3, $4, 4326) ${filters}`;

/** Spatial extent (WGS 84) of a layer's features that pass its filters ($1… the filter values): TileJSON `bounds`. */
export const TILE_LAYER_EXTENT = (table: string, geometry: string, filters = '') =>
  `SELECT ST_XMin(e) AS minx, ST_YMin(e) AS miny, ST_XMax(e) AS maxx, ST_YMax(e) AS maxy
   FROM (SELECT ST_Extent(t.${geometry})::geometry AS e FROM ${table} t WHERE true ${filters}) s`;

/** Encodes a one-point tile: fails where PostGIS was built without protobuf-c (the embedded PGlite declares ST_AsMVT but cannot run it). */
export const PROBE_ST_ASMVT = `SELECT length(ST_AsMVT(q, 'probe')) >= 0 AS ok
  FROM (SELECT 1 AS id, ST_AsMVTGeom(ST_MakePoint(0.5, 0.5), ST_MakeEnvelope(0, 0, 1, 1)) AS geom) q`;

/** The current version of one tile layer, bumped by triggers in every writing transaction (migration 0070). */
export const LAYER_VERSION = `SELECT version::text AS version FROM tile_layer_version WHERE layer = $1`;

/**
 * `columns`, plus the caller's account row as json (`who`) found by `who` (AuthService.credentialLookup's SELECT):
 * the credential check rides in the same round trip as the work it guards.
 */
const WITH_CALLER = (who: string, columns: string) => `
  WITH who AS (${who})
  SELECT (SELECT row_to_json(w) FROM who w) AS who, ${columns}`;

/**
 * Caller, layer version and tile in one statement (one round trip, one snapshot: the version is the data's). The tile
 * is computed only for an enabled account (CASE evaluates its uncorrelated subquery lazily); the rest of the
 * credential checks run on `who` in the server before anything is sent.
 */
export const CALLER_TILE_MVT = (who: string, table: string, geometry: string, properties: string, filters = '', labels = false) => WITH_CALLER(who, `
  (SELECT version::text FROM tile_layer_version WHERE layer = $4) AS version,
  CASE WHEN EXISTS (SELECT 1 FROM who WHERE NOT who.disabled) THEN (${TILE_MVT(table, geometry, properties, filters, labels)}) END AS tile`);

/** Caller and the version of layer $1: a revalidation (If-None-Match) in one round trip. */
export const CALLER_LAYER_VERSION = (who: string) => WITH_CALLER(who, `(SELECT version::text FROM tile_layer_version WHERE layer = $1) AS version`);
