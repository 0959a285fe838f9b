/**
 * A GeoJSON FeatureCollection page built by PostGIS. `where` holds the filters (with $n placeholders);
 * the two last parameters are the limit and offset. numberMatched counts the whole filtered set.
 */
export const FEATURE_PAGE = (table: string, geometry: string, properties: string, where: string, limit: string, offset: string) => `
  WITH m AS (SELECT t.* FROM ${table} t ${where}),
       page AS (SELECT * FROM m t ORDER BY t.id LIMIT ${limit} OFFSET ${offset})
  SELECT (SELECT count(*) FROM m)::int AS matched,
         coalesce((SELECT json_agg(json_build_object(
            'type', 'Feature', 'id', t.id,
            'geometry', ST_AsGeoJSON(t.${geometry}, 7)::json,
            'properties', json_build_object(${properties})) ORDER BY t.id) FROM page t), '[]'::json) AS features`;

/** Spatial extent of a collection in WGS 84. */
export const COLLECTION_EXTENT = (table: string, geometry: string) =>
  `SELECT ST_XMin(e) AS minx, ST_YMin(e) AS miny, ST_XMax(e) AS maxx, ST_YMax(e) AS maxy FROM (SELECT ST_Extent(${geometry})::geometry AS e FROM ${table} t) s`;

// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** An OGC property filter: the column equals the parameter cast to the property type. */
export const PROPERTY_EQUALS = (column: string, p2: string, cast: string) => `${column} = ${p2}::${cast}`;
/** One feature by id. */
export const FEATURE_ID_EQUALS = (p: string) => `t.id = ${p}`;
