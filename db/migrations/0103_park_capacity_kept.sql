-- Issue 10, tiles on a dense city: park tiles carry the capacity figures of view park_capacity (migration 0060),
-- which aggregates every parcel of a park and clusters its available ones (park_available_site, DBSCAN). On the
-- 600,000-parcel city that is 0.3–3 s per park tile. Here the figures are kept in a table, computed whole by
-- park_capacity_refresh(), with the parks layer version (and the day: idleness depends on the date) they were
-- computed at. View park_capacity_current reads the kept figures while that version is the layer's current one,
-- and the live view otherwise (after any write the parks layer shows, until the next refresh): the figures a tile
-- shows are never older than the version in its ETag. The tile server refreshes after it sees a new version.

CREATE TABLE park_capacity_kept AS SELECT * FROM park_capacity WITH NO DATA;
ALTER TABLE park_capacity_kept ADD PRIMARY KEY (park_id);

CREATE TABLE park_capacity_kept_at (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version bigint NOT NULL,
  computed_on date NOT NULL
);

-- True while the kept figures are those of the parks layer's current version, today.
CREATE FUNCTION park_capacity_kept_fresh() RETURNS boolean AS $$
  SELECT coalesce((SELECT k.version = v.version AND k.computed_on = current_date
                   FROM park_capacity_kept_at k, tile_layer_version v WHERE v.layer = 'parks'), false)
$$ LANGUAGE sql STABLE;

CREATE VIEW park_capacity_current AS
SELECT k.* FROM park_capacity_kept k WHERE park_capacity_kept_fresh()
UNION ALL
SELECT c.* FROM park_capacity c WHERE NOT park_capacity_kept_fresh();

-- Recomputes the kept figures unless they are fresh or another session is at it; returns the version they are
-- fresh for, or NULL when it left them to the other session. The version is read before the figures, so a write
-- committing in between leaves them marked with the older version (stale, so unused), never the reverse.
CREATE FUNCTION park_capacity_refresh() RETURNS bigint AS $$
DECLARE v bigint;
BEGIN
  IF park_capacity_kept_fresh() THEN
    RETURN (SELECT version FROM park_capacity_kept_at);
  END IF;
  IF NOT pg_try_advisory_xact_lock(hashtext('park_capacity_refresh')) THEN
    RETURN NULL;
  END IF;
  SELECT version INTO v FROM tile_layer_version WHERE layer = 'parks';
  DELETE FROM park_capacity_kept;
  INSERT INTO park_capacity_kept SELECT * FROM park_capacity;
  INSERT INTO park_capacity_kept_at (version, computed_on) VALUES (coalesce(v, 0), current_date)
    ON CONFLICT (only_row) DO UPDATE SET version = excluded.version, computed_on = excluded.computed_on;
  RETURN v;
END $$ LANGUAGE plpgsql;
