-- `near` filters (common/spatial.sql.ts WITHIN_METERS) test ST_DWithin(col::geography, point, metres): only an index
-- on the geography expression serves them. Enterprises had one; the other geographic lists scanned every row.
CREATE INDEX project_location_geog_gix ON project USING gist ((location::geography));
CREATE INDEX factory_building_location_geog_gix ON factory_building USING gist ((location::geography));
CREATE INDEX parcel_geom_geog_gix ON parcel USING gist ((geom::geography));
CREATE INDEX park_boundary_geog_gix ON park USING gist ((boundary::geography));
CREATE INDEX region_boundary_geog_gix ON region USING gist ((boundary::geography));
