// Vector tile SQL. The tile envelope is built in Web Mercator (ST_TileEnvelope) and transformed to the
// column SRID (4326) for the `&&` filter, so the GiST index on the geometry column is used; the margin
// matches the MVT buffer so features just outside the tile still draw across its edge.

/** MVT extent (pixels per tile side) and buffer, shared by ST_AsMVT and the geojson-vt fallback. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

/**
 * How TILE_MVT begins: the tile bounds computed once (see there). The bench's bare statement inlines them again, as
 * one writes a one-off query (test/bench/tiles.cjs), by this text.
 */
export const TILE_BOUNDS_ONCE = 'WITH bounds AS MATERIALIZED (';

/** A layer's properties as columns named after them (TILE_MVT, CLUSTER_TILE_MVT). */
const PROPERTY_COLUMNS = (properties: { name: string; sql: string }[]) => properties.map((p) => `${p.sql} AS "${p.name}"`).join(', ');

/**
 * One tile of one layer as MVT. $1 z, $2 x, $3 y, $4 layer name; `filters` adds the collection's equality filters ($5…). Attributes are the OGC collection's
 * properties as columns named after them (ST_AsMVT writes each as a tag, dropping nulls: a third cheaper on a busy
 * parcel tile than one jsonb object per feature); the feature id is the row id (column __fid).
 * With `labels`, a second MVT layer "<layer>-label" holds one point per feature (ST_PointOnSurface), only in the tile
 * that contains it: a polygon cut by tile edges then gets one label, not one per piece (MVT layers concatenate).
 * The features are MATERIALIZED: inlined, the planner pushed `geom IS NOT NULL` into the scan and cut every
 * geometry twice (14% of a busy parcel tile's time). So are the bounds: the server runs tiles as prepared statements
 * (db/prepared.ts), whose generic plan cannot fold ST_TileEnvelope($1, $2, $3) into a constant and, inlined, computed
 * it again for every feature (pgbench, scale 10, busy zoom-13 parcel tile: 8.9 → 8.0–8.6 ms; a zoom-12 park tile
 * 1.37 → 0.47 ms). A one-off statement plans with the values and prefers them inlined (test/bench/tiles.cjs).
 */
export const TILE_MVT = (table: string, geometry: string, properties: { name: string; sql: string }[], filters = '', labels = false) => {
  const names = properties.map((p) => `"${p.name}"`).join(', ');
  return `
  ${TILE_BOUNDS_ONCE}
    SELECT ST_TileEnvelope($1, $2, $3) AS merc,
           ST_Transform(ST_TileEnvelope($1, $2, $3, margin => ${TILE_BUFFER}.0 / ${TILE_EXTENT}), 4326) AS geog
  ), mvt AS MATERIALIZED (
    SELECT t.id AS __fid,
           ST_AsMVTGeom(ST_Transform(t.${geometry}, 3857), bounds.merc, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom,
           ${PROPERTY_COLUMNS(properties)}${labels ? `,
           ST_AsMVTGeom(ST_Transform(ST_PointOnSurface(t.${geometry}), 3857), bounds.merc, ${TILE_EXTENT}, 0, true) AS __label` : ''}
    FROM ${table} t, bounds
    WHERE t.${geometry} && bounds.geog ${filters}
  )
  ${labels
    ? `SELECT coalesce((SELECT ST_AsMVT(m.*, $4, ${TILE_EXTENT}, 'geom', '__fid') FROM (SELECT __fid, geom, ${names} FROM mvt WHERE geom IS NOT NULL) m), ''::bytea)
         || coalesce((SELECT ST_AsMVT(l.*, $4 || '${LABEL_SUFFIX}', ${TILE_EXTENT}, 'geom', '__fid') FROM (SELECT __fid, __label AS geom, ${names} FROM mvt WHERE __label IS NOT NULL) l), ''::bytea) AS tile`
    : `SELECT ST_AsMVT(mvt.*, $4, ${TILE_EXTENT}, 'geom', '__fid') AS tile FROM mvt WHERE mvt.geom IS NOT NULL`}`;
};

/**
 * Leaves out features spanning less than half a tile unit at zoom z (`span`: a layer's bbox-span expression, indexed):
 * ST_AsMVTGeom would collapse them anyway, and on a dense city at low zoom they are nearly all of the rows.
 * The threshold is a number computed from the validated zoom, written into the statement.
 */
export const SPAN_FILTER = (span: string | undefined, z: number) =>
  span ? `AND ${span} >= ${((0.5 * 360) / (TILE_EXTENT * 2 ** z)).toExponential(6)}` : '';

/**
 * Point layers are clustered up to this zoom (migration 0102): one feature per grid cell of CLUSTER_CELL × CLUSTER_CELL
 * tile units, a lone point as its own feature, several as one point at their centroid with a `count` property.
 * Zoom 16 (the last cut; MapLibre over-zooms it) shows every point: on the scale-1000 city a zoom-15 tile holds up
 * to 7,600 enterprises, a zoom-16 tile a quarter of the area.
 */
export const CLUSTER_MAX_ZOOM = 15;
/** Cell side in tile units (of TILE_EXTENT): 16 cells a tile side, about 16 px on a 256-px tile. */
export const CLUSTER_CELL = 256;
const CELLS_PER_TILE = TILE_EXTENT / CLUSTER_CELL;
/** The cells a tile reads: its own and one ring around, which covers the buffer (TILE_BUFFER < CLUSTER_CELL). */
const CELL_RANGE = `c.cx BETWEEN $2 * ${CELLS_PER_TILE} - 1 AND $2 * ${CELLS_PER_TILE} + ${CELLS_PER_TILE}
        AND c.cy BETWEEN $3 * ${CELLS_PER_TILE} - 1 AND $3 * ${CELLS_PER_TILE} + ${CELLS_PER_TILE}`;
/** Margin (fraction of a tile) of the box whose points fill those cells: one cell, and a little for rounding. */
export const CLUSTER_MARGIN = 1.1 / CELLS_PER_TILE;

/**
 * The non-empty cells of tile $1/$2/$3 of layer $4 (columns cx, cy, n, sid = the lone point's id when n = 1,
 * sx/sy = sums of world x/y in 0..1), from the cells kept by triggers (migration 0102). `part` is the
 * partition-column filter (`c.part = ($5::boolean)::text`) or ''.
 */
export const STORED_CELLS = (part = '') => `
  SELECT c.cx, c.cy, sum(c.n)::int AS n, sum(c.sid)::bigint AS sid, sum(c.sx) AS sx, sum(c.sy) AS sy
  FROM tile_point_cell c
  WHERE c.layer = $4 AND c.z = $1 AND ${CELL_RANGE} ${part}
  GROUP BY c.cx, c.cy HAVING sum(c.n) > 0`;

/**
 * The same cells computed from the rows there are, for filters the kept cells do not cover (e.g. parkId):
 * the points in `box` (4326, the tile widened by CLUSTER_MARGIN), with the layer's filters, grouped by cell.
 */
export const LIVE_CELLS = (table: string, geometry: string, box: string, filters = '') => `
  SELECT c.cx, c.cy, count(*)::int AS n, sum(c.id)::bigint AS sid, sum(c.fx) AS sx, sum(c.fy) AS sy
  FROM (SELECT t.id, tile_fx(t.${geometry}) AS fx, tile_fy(t.${geometry}) AS fy,
               floor(tile_fx(t.${geometry}) * ${CELLS_PER_TILE} * 2 ^ ($1::int))::int AS cx, floor(tile_fy(t.${geometry}) * ${CELLS_PER_TILE} * 2 ^ ($1::int))::int AS cy
        FROM ${table} t WHERE t.${geometry} && ${box} ${filters}) c
  WHERE ${CELL_RANGE}
  GROUP BY c.cx, c.cy`;

/** A cell's centroid as a 4326 point (inverse of tile_fx / tile_fy). */
const CENTROID = `ST_SetSRID(ST_MakePoint(c.sx / c.n * 360 - 180, degrees(atan(sinh(pi() * (1 - 2 * c.sy / c.n))))), 4326)`;

/**
 * A clustered tile as MVT ($1 z, $2 x, $3 y, $4 layer; `cells` from STORED_CELLS or LIVE_CELLS): a lone point is
 * its row's feature (id, all properties), several points one feature without id with property `count`.
 */
export const CLUSTER_TILE_MVT = (table: string, geometry: string, properties: { name: string; sql: string }[], cells: string) => `
  WITH bounds AS (SELECT ST_TileEnvelope($1, $2, $3) AS merc), cells AS (${cells}),
  mvt AS (
    SELECT t.id AS __fid, ST_AsMVTGeom(ST_Transform(t.${geometry}, 3857), bounds.merc, ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom,
           ${PROPERTY_COLUMNS(properties)}, NULL::int AS count
    FROM cells c JOIN ${table} t ON t.id = c.sid, bounds WHERE c.n = 1
    UNION ALL
    SELECT NULL, ST_AsMVTGeom(ST_Transform(${CENTROID}, 3857), bounds.merc, ${TILE_EXTENT}, ${TILE_BUFFER}, true), ${properties.map(() => 'NULL').join(', ')}, c.n
    FROM cells c, bounds WHERE c.n > 1
  )
  SELECT ST_AsMVT(mvt.*, $4, ${TILE_EXTENT}, 'geom', '__fid') AS tile FROM mvt WHERE mvt.geom IS NOT NULL`;

/** The fallback's input for a clustered tile: the same features as CLUSTER_TILE_MVT, as GeoJSON (clusters with a null id). */
export const CLUSTER_FEATURES = (table: string, geometry: string, properties: string, cells: string) => `
  WITH cells AS (${cells}), layer AS (SELECT $4::text AS name)
  SELECT t.id, ST_AsGeoJSON(t.${geometry}, 9)::json AS geometry, jsonb_build_object(${properties}) AS props
  FROM cells c JOIN ${table} t ON t.id = c.sid WHERE c.n = 1
  UNION ALL
  SELECT NULL, ST_AsGeoJSON(${CENTROID}, 9)::json, jsonb_build_object('count', c.n) FROM cells c WHERE c.n > 1`;

/**
 * Dense polygon layers (parcels): a tile up to this zoom whose kept cells count more than AREA_CELL_LIMIT features
 * draws cells instead: squares of AREA_CELL tile units (the kept cells of zoom z + 1), each in the class (partition,
 * e.g. land use and supply status) most of its features have, with their `count`. Sparser tiles draw the features.
 */
export const AREA_MAX_ZOOM = CLUSTER_MAX_ZOOM;
export const AREA_CELL_LIMIT = 1500;
/** Cell side in tile units: 32 cells a tile side. */
export const AREA_CELL = CLUSTER_CELL / 2;
const AREA_CELLS_PER_TILE = TILE_EXTENT / AREA_CELL;
const AREA_RANGE = `c.layer = $4 AND c.z = $1 + 1 AND c.n > 0
        AND c.cx BETWEEN $2 * ${AREA_CELLS_PER_TILE} - 1 AND $2 * ${AREA_CELLS_PER_TILE} + ${AREA_CELLS_PER_TILE}
        AND c.cy BETWEEN $3 * ${AREA_CELLS_PER_TILE} - 1 AND $3 * ${AREA_CELLS_PER_TILE} + ${AREA_CELLS_PER_TILE}`;

/** How many features the kept cells of tile $1/$2/$3 of layer $4 (and its ring of cells) hold. */
export const AREA_CELL_COUNT = `SELECT coalesce(sum(c.n), 0)::int AS n FROM tile_point_cell c WHERE ${AREA_RANGE}`;

/** The cells of a dense tile: cx, cy, n and the most common class (ties: the first by name). */
const AREA_CELLS = `
  SELECT c.cx, c.cy, sum(c.n)::int AS n, (array_agg(c.part ORDER BY c.n DESC, c.part))[1] AS part
  FROM tile_point_cell c WHERE ${AREA_RANGE} GROUP BY c.cx, c.cy`;

/** A cell's square in 4326 (cell edges are Web Mercator tile-grid lines at zoom $1 + 5), for the fallback. */
const CELL_SQUARE = (() => {
  const k = `(${AREA_CELLS_PER_TILE} * 2 ^ ($1::int))`;
  const lon = (v: string) => `${v} / ${k} * 360 - 180`;
  const lat = (v: string) => `degrees(atan(sinh(pi() * (1 - 2 * ${v} / ${k}))))`;
  return `ST_MakeEnvelope(${lon('c.cx')}, ${lat('(c.cy + 1)')}, ${lon('(c.cx + 1)')}, ${lat('c.cy')}, 4326)`;
})();

/** A cell's square in tile units (y down, as ST_AsMVT takes them), cut to the buffered tile. */
const CELL_TILE_SQUARE = (() => {
  const edge = (v: string, tile: string) =>
    `least(greatest((${v} - ${tile} * ${AREA_CELLS_PER_TILE}) * ${AREA_CELL}, -${TILE_BUFFER}), ${TILE_EXTENT + TILE_BUFFER})`;
  return `ST_MakeEnvelope(${edge('c.cx', '$2')}, ${edge('c.cy', '$3')}, ${edge('(c.cx + 1)', '$2')}, ${edge('(c.cy + 1)', '$3')})`;
})();

/**
 * A dense polygon layer's tile drawn as cells (when AREA_CELL_COUNT is above AREA_CELL_LIMIT; see AREA_OR_FEATURES_MVT).
 * Cell edges are tile-grid lines, so squares are written in tile units directly. `props` builds a cell's properties
 * from `c.part` and `c.n`.
 */
export const AREA_TILE_MVT = (props: string) => `
  WITH cells AS (${AREA_CELLS}),
  mvt AS (SELECT NULL::int AS id, ${CELL_TILE_SQUARE} AS geom, jsonb_build_object('count', c.n, ${props}) AS props FROM cells c)
  SELECT ST_AsMVT(mvt.*, $4, ${TILE_EXTENT}, 'geom', 'id') AS tile FROM mvt`;

/**
 * A dense polygon layer's tile up to AREA_MAX_ZOOM in one statement: its cells when they count more than
 * AREA_CELL_LIMIT features, else `features` (TILE_MVT). CASE runs only the chosen branch (its subqueries are
 * uncorrelated, evaluated when reached); the other once cost its JIT compilation, 0.5 s a tile on the scale-1000 city,
 * until JIT was turned off for the database (migration 0104). As a prepared statement this saves the round trip of
 * counting first, and the count and the tile come from one snapshot.
 */
export const AREA_OR_FEATURES_MVT = (props: string, features: string) => `
  SELECT CASE WHEN (${AREA_CELL_COUNT}) > ${AREA_CELL_LIMIT} THEN (${AREA_TILE_MVT(props)}) ELSE (${features}) END AS tile`;

/** The fallback's input for a dense tile (AREA_CELL_COUNT above the limit): the cells as GeoJSON squares without id. */
export const AREA_FEATURES = (props: string) => `
  WITH cells AS (${AREA_CELLS})
  SELECT NULL AS id, ST_AsGeoJSON(${CELL_SQUARE}, 9)::json AS geometry, jsonb_build_object('count', c.n, ${props}) AS props FROM cells c`;

/** The kept cells' partition filter: partition value = parameter $n cast like the column (so 't', 'TRUE' match 'true'). */
export const PART_FILTER = (param: number, cast: string) => `AND c.part = ($${param}::${cast})::text`;

/** The 4326 box of the points a clustered tile $1/$2/$3 reads (ST_AsMVT path). */
export const CLUSTER_BOX = `ST_Transform(ST_TileEnvelope($1, $2, $3, margin => ${CLUSTER_MARGIN}), 4326)`;

/** A 4326 box from parameters $first… (minLon, minLat, maxLon, maxLat): the fallback's bounds, computed by the caller. */
export const PARAM_BOX = (first: number) => `ST_MakeEnvelope($${first}, $${first + 1}, $${first + 2}, $${first + 3}, 4326)`;

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

/**
 * Layers whose figures are kept in tables while current (migration 0103), and the statement that recomputes them
 * (a no-op while fresh; returns the parks version they are fresh for, NULL when another session is at it).
 */
export const KEPT_FIGURES_REFRESH: Record<string, string> = { parks: `SELECT park_capacity_refresh()::text AS version` };

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
 * Caller, layer version and tile (`tile`: TILE_MVT or CLUSTER_TILE_MVT) in one statement (one round trip, one snapshot:
 * the version is the data's). The tile is computed only for an enabled account (CASE evaluates its uncorrelated
 * subquery lazily); the rest of the credential checks run on `who` in the server before anything is sent.
 */
export const CALLER_TILE_MVT = (who: string, tile: string) => WITH_CALLER(who, `
  (SELECT version::text FROM tile_layer_version WHERE layer = $4) AS version,
  CASE WHEN EXISTS (SELECT 1 FROM who WHERE NOT who.disabled) THEN (${tile}) END AS tile`);

/** Caller and the version of layer $1: a revalidation (If-None-Match) in one round trip. */
export const CALLER_LAYER_VERSION = (who: string) => WITH_CALLER(who, `(SELECT version::text FROM tile_layer_version WHERE layer = $1) AS version`);
