/** Regions whose boundary contains each point ($1: GeoJSON points as text[]); the smallest (most specific) wins. */
export const REGION_CONTAINING_POINT = `
  SELECT r.id FROM region r
  WHERE ST_Covers(r.boundary, ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))
  ORDER BY ST_Area(r.boundary) ASC LIMIT 1`;
