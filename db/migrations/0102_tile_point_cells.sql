-- Issue 10, tiles on a dense city: below zoom 16 the point layers (enterprises, projects, factory buildings) are
-- drawn as clusters: one feature per grid cell of 256 × 256 tile units (16 × 16 cells a tile) carrying the count
-- of its points; a cell holding one point is that point's own feature (server/src/http/tiles.sql.ts).
-- On the 800,000-enterprise city a zoom-8 tile holds hundreds of thousands of points, so the cells are kept here,
-- per layer, zoom 0–16 and partition (the value of one filterable column, so the web map's filtered layer, e.g.
-- enterprises?isLocal=true, reads them too), maintained by statement-level triggers in the writing transaction:
-- the same transaction that bumps the layer's version, so a tile read in one snapshot shows cells and version
-- that agree, and a cached tile never outlives its data.
--
-- Cells are in world coordinates: cx = floor(fx · 2^z · 16), fx = (lon + 180) / 360, fy the Web Mercator
-- y from the top (0..1); the zoom-16 cell of a point shifted right by 16 − z bits is its cell at zoom z.
-- n counts the points, sid sums their ids (a one-point cell's sid is its point's id), sx/sy sum fx/fy (centroid).

CREATE FUNCTION tile_fx(g geometry) RETURNS float8 AS $$
  SELECT (ST_X(g) + 180) / 360
$$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION tile_fy(g geometry) RETURNS float8 AS $$
  SELECT (1 - ln(tan(radians(ST_Y(g))) + 1 / cos(radians(ST_Y(g)))) / pi()) / 2
$$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE;

CREATE TABLE tile_point_cell (
  layer text NOT NULL,
  part text NOT NULL,
  z smallint NOT NULL,
  cx int NOT NULL,
  cy int NOT NULL,
  n int NOT NULL,
  sid bigint NOT NULL,
  sx float8 NOT NULL,
  sy float8 NOT NULL,
  PRIMARY KEY (layer, z, cx, cy, part)
);

-- The statement adding (sign 1) or removing (sign −1) the points of query `points` (columns id, location, part)
-- to the layer's cells. The trigger EXECUTEs it itself: transition tables are visible only to its own statements.
CREATE FUNCTION tile_point_cells_apply(layer text, points text, sign int) RETURNS text AS $$
BEGIN
  RETURN format($q$
    INSERT INTO tile_point_cell AS c (layer, part, z, cx, cy, n, sid, sx, sy)
    SELECT %L, p.part, z.z, p.cx >> (16 - z.z), p.cy >> (16 - z.z), %s * count(*), %s * sum(p.id), %s * sum(p.fx), %s * sum(p.fy)
    FROM (SELECT q.id, q.part, tile_fx(q.location) AS fx, tile_fy(q.location) AS fy,
                 floor(tile_fx(q.location) * 1048576)::int AS cx, floor(tile_fy(q.location) * 1048576)::int AS cy
          FROM (SELECT r.id, r.location, coalesce(r.part, '') AS part FROM (%s) r) q WHERE q.location IS NOT NULL) p
    CROSS JOIN generate_series(0, 16) AS z(z)
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (layer, z, cx, cy, part) DO UPDATE
      SET n = c.n + excluded.n, sid = c.sid + excluded.sid, sx = c.sx + excluded.sx, sy = c.sy + excluded.sy$q$,
    layer, sign, sign, sign, sign, points);
END $$ LANGUAGE plpgsql;

-- Trigger: TG_ARGV = layer, point expression, partition expression, over a row alias written %1$s.
-- Statement-level, over the transition tables.
CREATE FUNCTION tile_point_cells_changed() RETURNS trigger AS $$
DECLARE
  layer text := TG_ARGV[0];
  point_of text := TG_ARGV[1];
  part_of text := TG_ARGV[2];
  changed text;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM tile_point_cell c WHERE c.layer = TG_ARGV[0];
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    -- Only rows whose point or partition changed move between cells.
    changed := format('%s IS DISTINCT FROM %s OR %s IS DISTINCT FROM %s', format(point_of, 'o'), format(point_of, 'n'), format(part_of, 'o'), format(part_of, 'n'));
    EXECUTE tile_point_cells_apply(layer, format('SELECT o.id, %s AS location, %s AS part FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE %s',
      format(point_of, 'o'), format(part_of, 'o'), changed), -1);
    EXECUTE tile_point_cells_apply(layer, format('SELECT n.id, %s AS location, %s AS part FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE %s',
      format(point_of, 'n'), format(part_of, 'n'), changed), 1);
  ELSIF TG_OP = 'INSERT' THEN
    EXECUTE tile_point_cells_apply(layer, format('SELECT n.id, %s AS location, %s AS part FROM new_rows n', format(point_of, 'n'), format(part_of, 'n')), 1);
  ELSE
    EXECUTE tile_point_cells_apply(layer, format('SELECT o.id, %s AS location, %s AS part FROM old_rows o', format(point_of, 'o'), format(part_of, 'o')), -1);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

-- tile_point_cells_track('enterprise', 'enterprises', '%1$s.location', '%1$s.is_local::text'): keeps the layer's
-- cells of the table's rows (their `id`, a point and a partition text, expressions over the row alias %1$s), and fills
-- them from the rows there are.
CREATE FUNCTION tile_point_cells_track(source_table regclass, layer text, point_expr text, part_expr text) RETURNS void AS $$
DECLARE
  args text := format('%L, %L, %L', layer, point_expr, part_expr);
BEGIN
  EXECUTE format('CREATE TRIGGER tile_cells_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION tile_point_cells_changed(%s)', source_table, args);
  EXECUTE format('CREATE TRIGGER tile_cells_update AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION tile_point_cells_changed(%s)', source_table, args);
  EXECUTE format('CREATE TRIGGER tile_cells_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION tile_point_cells_changed(%s)', source_table, args);
  EXECUTE format('CREATE TRIGGER tile_cells_truncate AFTER TRUNCATE ON %s
                    FOR EACH STATEMENT EXECUTE FUNCTION tile_point_cells_changed(%s)', source_table, args);
  DELETE FROM tile_point_cell c WHERE c.layer = tile_point_cells_track.layer;
  EXECUTE tile_point_cells_apply(layer, format('SELECT t.id, %s AS location, %s AS part FROM %s t', format(point_expr, 't'), format(part_expr, 't'), source_table), 1);
END $$ LANGUAGE plpgsql;

SELECT tile_point_cells_track('enterprise', 'enterprises', '%1$s.location', '%1$s.is_local::text');
SELECT tile_point_cells_track('project', 'projects', '%1$s.location', '%1$s.stage::text');
SELECT tile_point_cells_track('factory_building', 'factory-buildings', '%1$s.location', '''''');
-- Parcels: the centre of each parcel, partitioned by land use and supply status ("M1/built"): dense tiles draw the
-- cells in the colour of their most common class instead of tens of thousands of parcels (tiles.sql.ts, AREA_CELLS).
SELECT tile_point_cells_track('parcel', 'parcels', 'ST_Centroid(%1$s.geom)', 'coalesce(%1$s.land_use::text, '''') || ''/'' || coalesce(%1$s.supply_status::text, '''')');
