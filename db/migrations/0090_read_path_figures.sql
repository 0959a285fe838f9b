-- The GraphQL read path (issue 10 part 1): figures stored, not recomputed per request, and the index one relation lacked.
-- A park's (and a region's) geodesic area was a subquery (ST_Area over the boundary as geography) on every load of a park; like
-- parcel.area_m2 it is now a stored generated column, kept right by PostgreSQL on every boundary change.
ALTER TABLE park ADD COLUMN area_m2 double precision GENERATED ALWAYS AS (ST_Area(boundary::geography)) STORED;
ALTER TABLE region ADD COLUMN area_m2 double precision GENERATED ALWAYS AS (ST_Area(boundary::geography)) STORED;
-- Project.parcels (parcel.project_id) scanned every parcel for each batch.
CREATE INDEX parcel_project_idx ON parcel (project_id);
