// Spatial predicates shared by every module's filters. Each takes the column expression and the
// placeholders a SqlBuilder produced; values are always parameters, never formatted into SQL.

/** Bounding-box overlap, index-assisted by `&&` on the GiST index; envelope in 4326 like the columns. */
export const BBOX_INTERSECTS = (col: string, minLon: string, minLat: string, maxLon: string, maxLat: string) =>
  `${col} && ST_MakeEnvelope(${minLon}, ${minLat}, ${maxLon}, ${maxLat}, 4326) AND ST_Intersects(${col}, ST_MakeEnvelope(${minLon}, ${minLat}, ${maxLon}, ${maxLat}, 4326))`;

/** Lies (at least partly) within an administrative region's boundary; the boundary is an init-plan value so the column's GiST index applies. */
export const WITHIN_REGION = (col: string, regionId: string) =>
  `ST_Intersects(${col}, (SELECT r.boundary FROM region r WHERE r.id = ${regionId}))`;

/** Within N metres of a lon/lat point, measured geodesically on the spheroid. */
export const WITHIN_METERS = (col: string, lon: string, lat: string, meters: string) =>
  `ST_DWithin(${col}::geography, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography, ${meters})`;

/** Why a geometry is invalid (self-intersection, ring order…) per PostGIS, or 'Valid Geometry'. */
export const GEOMETRY_VALIDITY = `SELECT ST_IsValidReason(ST_GeomFromGeoJSON($1)) AS reason, GeometryType(ST_GeomFromGeoJSON($1)) AS type`;

/** A GeoJSON parameter as a 4326 geometry column value. */
export const GEOMETRY_FROM_GEOJSON = (param: string) => `ST_SetSRID(ST_GeomFromGeoJSON(${param}), 4326)`;

// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** The name column matches a LIKE pattern (likePattern), case-insensitively. */
export const TEXT_MATCH = (column: string, p2: string) => `${column} ILIKE ${p2}`;
