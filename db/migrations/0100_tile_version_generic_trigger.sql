-- Issue 10 mend: migration 0070 wrote out one CREATE TRIGGER per tiled table. Here one function registers a
-- table as a source of tile layers (their version rows and one statement-level bump trigger per table), and
-- the bump itself upserts, so a new layer is one call and can never miss its version row.
-- Also mended: a layer is bumped by every table its tiles read, not only its own. Park tiles carry capacity
-- figures (view park_capacity: parcels, factory buildings, 亩均 yields and grade thresholds) and parcel tiles
-- the idle / 圈大建小 flags (planner_setting), so writes there bump those layers too.

CREATE OR REPLACE FUNCTION tile_layer_bump() RETURNS trigger AS $$
DECLARE l text;
BEGIN
  FOREACH l IN ARRAY TG_ARGV LOOP
    INSERT INTO tile_layer_version AS v (layer) VALUES (l)
      ON CONFLICT (layer) DO UPDATE SET version = v.version + 1, changed_at = now();
    PERFORM pg_notify('atlas_tiles', l);
  END LOOP;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- tile_layer_track('parcel', 'parcels', 'parks'): every statement writing table parcel bumps both layers (once).
-- Called again for a table, it replaces that table's trigger with the new list.
CREATE FUNCTION tile_layer_track(source_table regclass, VARIADIC layers text[]) RETURNS void AS $$
BEGIN
  INSERT INTO tile_layer_version (layer) SELECT unnest(layers) ON CONFLICT (layer) DO NOTHING;
  EXECUTE format('DROP TRIGGER IF EXISTS tile_bump ON %s', source_table);
  EXECUTE format('CREATE TRIGGER tile_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s
                    FOR EACH STATEMENT EXECUTE FUNCTION tile_layer_bump(%s)',
                 source_table, (SELECT string_agg(quote_literal(l), ', ') FROM unnest(layers) l));
END $$ LANGUAGE plpgsql;

DROP TRIGGER region_tile_bump ON region;
DROP TRIGGER park_tile_bump ON park;
DROP TRIGGER parcel_tile_bump ON parcel;
DROP TRIGGER factory_building_tile_bump ON factory_building;
DROP TRIGGER project_tile_bump ON project;
DROP TRIGGER enterprise_tile_bump ON enterprise;

SELECT tile_layer_track('region', 'regions');
SELECT tile_layer_track('park', 'parks');
SELECT tile_layer_track('parcel', 'parcels', 'parks');
SELECT tile_layer_track('factory_building', 'factory-buildings', 'parks');
SELECT tile_layer_track('project', 'projects');
SELECT tile_layer_track('enterprise', 'enterprises');
SELECT tile_layer_track('enterprise_land_performance', 'parks');
SELECT tile_layer_track('planner_setting', 'parcels', 'parks');
SELECT tile_layer_track('mu_grade_threshold', 'parks');
