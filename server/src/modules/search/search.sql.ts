/**
 * Name search over parks, enterprises and projects ($1: ILIKE pattern, $2: limit per kind, $3: plain text for ranking, $4: prefix likePattern).
 * Returns each hit's bounding box in WGS 84 so the map can fit to it. Exact names rank first; then a park whose name holds
 * the text (a place people look for), ahead of projects and enterprises that merely mention it; then prefix matches.
 */
export const SEARCH_BY_NAME = `
  SELECT kind, id, name, subtitle, ST_XMin(b) AS minx, ST_YMin(b) AS miny, ST_XMax(b) AS maxx, ST_YMax(b) AS maxy
  FROM (
    (SELECT 'PARK' AS kind, p.id, p.name, r.name AS subtitle, ST_Envelope(p.boundary) AS b,
            (p.name = $3)::int * 8 + 4 + (p.name ILIKE $4)::int AS rank
       FROM park p JOIN region r ON r.id = p.region_id WHERE p.name ILIKE $1 ORDER BY rank DESC, p.id LIMIT $2)
    UNION ALL
    (SELECT 'ENTERPRISE', e.id, e.name, e.city, ST_Envelope(e.location),
            (e.name = $3)::int * 8 + (e.name ILIKE $4)::int * 2
       FROM enterprise e WHERE e.name ILIKE $1 OR e.uscc = upper($3) ORDER BY 6 DESC, e.is_local DESC, e.id LIMIT $2)
    UNION ALL
    (SELECT 'PROJECT', p.id, p.name, p.code, ST_Envelope(coalesce(p.location, pk.boundary)),
            (p.name = $3)::int * 8 + (p.name ILIKE $4)::int * 2
       FROM project p LEFT JOIN park pk ON pk.id = p.park_id
      WHERE (p.name ILIKE $1 OR p.code ILIKE $1) ORDER BY 6 DESC, p.id LIMIT $2)
  ) hits
  ORDER BY rank DESC, kind, id`;
