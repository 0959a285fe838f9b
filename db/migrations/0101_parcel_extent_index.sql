-- Issue 10, tiles on a dense city: at low zoom most parcels of a large city are smaller than one tile unit
-- (1/4096 of a tile) and ST_AsMVTGeom would drop them after paying for them. The tile statement leaves out
-- features spanning less than half a unit (server/src/http/tiles.sql.ts); this index on the same expression
-- lets PostgreSQL find the few larger ones without reading every parcel in the tile's box.
CREATE INDEX parcel_extent_idx ON parcel ((greatest(ST_XMax(geom) - ST_XMin(geom), ST_YMax(geom) - ST_YMin(geom))));
