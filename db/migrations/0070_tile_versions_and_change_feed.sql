-- Issue 10: per-layer tile versions and the change feed, both driven by triggers so no write path can forget them.
-- Triggers run inside the writing transaction: the version bump commits (or rolls back) with the data, and
-- pg_notify is delivered by PostgreSQL only at commit, so listeners in every API process hear only committed writes.

-- ---------------------------------------------------------------- vector tile versions
CREATE TABLE tile_layer_version (
  layer       text PRIMARY KEY,              -- the tile layer name, e.g. 'parcels' (same as the OGC collection id)
  version     bigint NOT NULL DEFAULT 1,     -- part of every tile ETag: a cached tile never outlives its data
  changed_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO tile_layer_version (layer) VALUES
  ('regions'), ('parks'), ('parcels'), ('factory-buildings'), ('projects'), ('enterprises');

-- Statement-level: one bump per writing statement, however many rows it touched.
CREATE FUNCTION tile_layer_bump() RETURNS trigger AS $$
DECLARE l text;
BEGIN
  FOREACH l IN ARRAY TG_ARGV LOOP
    UPDATE tile_layer_version SET version = version + 1, changed_at = now() WHERE layer = l;
    PERFORM pg_notify('atlas_tiles', l);
  END LOOP;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER region_tile_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON region
  FOR EACH STATEMENT EXECUTE FUNCTION tile_layer_bump('regions');
CREATE TRIGGER park_tile_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON park
  FOR EACH STATEMENT EXECUTE FUNCTION tile_layer_bump('parks');
CREATE TRIGGER parcel_tile_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON parcel
  FOR EACH STATEMENT EXECUTE FUNCTION tile_layer_bump('parcels');
CREATE TRIGGER factory_building_tile_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON factory_building
  FOR EACH STATEMENT EXECUTE FUNCTION tile_layer_bump('factory-buildings');
CREATE TRIGGER project_tile_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project
  FOR EACH STATEMENT EXECUTE FUNCTION tile_layer_bump('projects');
CREATE TRIGGER enterprise_tile_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON enterprise
  FOR EACH STATEMENT EXECUTE FUNCTION tile_layer_bump('enterprises');

-- ---------------------------------------------------------------- change feed
-- One JSON payload per changed row on channel 'atlas_changes' (well under the 8000-byte NOTIFY limit:
-- ids and the few fields subscribers filter on). The API re-broadcasts them to GraphQL subscribers.

CREATE FUNCTION change_feed_project_stage() RETURNS trigger AS $$
DECLARE p record;
BEGIN
  SELECT pr.introducing_unit_id, n.chain_id INTO p
    FROM project pr LEFT JOIN chain_node n ON n.id = pr.chain_node_id WHERE pr.id = NEW.project_id;
  PERFORM pg_notify('atlas_changes', json_build_object(
    'kind', 'projectStageMoved', 'projectId', NEW.project_id, 'stage', NEW.stage, 'enteredOn', NEW.entered_on,
    'actorId', NEW.actor_id, 'introducingUnitId', p.introducing_unit_id, 'chainId', p.chain_id)::text);
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER project_stage_event_change_feed AFTER INSERT ON project_stage_event
  FOR EACH ROW EXECUTE FUNCTION change_feed_project_stage();

CREATE FUNCTION change_feed_fund_arrival() RETURNS trigger AS $$
DECLARE p record;
BEGIN
  SELECT pr.introducing_unit_id, n.chain_id INTO p
    FROM project pr LEFT JOIN chain_node n ON n.id = pr.chain_node_id WHERE pr.id = NEW.project_id;
  PERFORM pg_notify('atlas_changes', json_build_object(
    'kind', 'fundArrived', 'fundArrivalId', NEW.id, 'projectId', NEW.project_id, 'arrivedOn', NEW.arrived_on,
    'amount', NEW.amount, 'foreignAmount', NEW.foreign_amount, 'fundKind', NEW.kind, 'actorId', NEW.recorded_by,
    'introducingUnitId', p.introducing_unit_id, 'chainId', p.chain_id)::text);
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER fund_arrival_change_feed AFTER INSERT ON fund_arrival
  FOR EACH ROW EXECUTE FUNCTION change_feed_fund_arrival();

-- Parks and parcels: which row, what happened, and the park it belongs to.
CREATE FUNCTION change_feed_land() RETURNS trigger AS $$
DECLARE r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_TABLE_NAME = 'parcel' THEN
    PERFORM pg_notify('atlas_changes', json_build_object('kind', 'parcelChanged', 'op', lower(TG_OP), 'parcelId', r.id,
      'parkId', r.park_id, 'landUse', r.land_use, 'supplyStatus', r.supply_status)::text);
  ELSE
    PERFORM pg_notify('atlas_changes', json_build_object('kind', 'parkChanged', 'op', lower(TG_OP), 'parkId', r.id)::text);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER parcel_change_feed AFTER INSERT OR UPDATE OR DELETE ON parcel
  FOR EACH ROW EXECUTE FUNCTION change_feed_land();
CREATE TRIGGER park_change_feed AFTER INSERT OR UPDATE OR DELETE ON park
  FOR EACH ROW EXECUTE FUNCTION change_feed_land();

-- Targets: the chain is what a chain leader's subscription is scoped by.
CREATE FUNCTION change_feed_target() RETURNS trigger AS $$
DECLARE t record; chain int; op text := lower(TG_OP);
BEGIN
  IF TG_TABLE_NAME = 'target_activity' THEN
    SELECT te.id, te.chain_node_id, te.status INTO t FROM target_enterprise te WHERE te.id = NEW.target_id;
    op := 'activity';
  ELSIF TG_OP = 'DELETE' THEN
    SELECT OLD.id, OLD.chain_node_id, OLD.status INTO t;
  ELSE
    SELECT NEW.id, NEW.chain_node_id, NEW.status INTO t;
  END IF;
  SELECT n.chain_id INTO chain FROM chain_node n WHERE n.id = t.chain_node_id;
  PERFORM pg_notify('atlas_changes', json_build_object('kind', 'targetChanged', 'op', op, 'targetId', t.id,
    'chainNodeId', t.chain_node_id, 'chainId', chain, 'status', t.status)::text);
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER target_enterprise_change_feed AFTER INSERT OR UPDATE OR DELETE ON target_enterprise
  FOR EACH ROW EXECUTE FUNCTION change_feed_target();
CREATE TRIGGER target_activity_change_feed AFTER INSERT ON target_activity
  FOR EACH ROW EXECUTE FUNCTION change_feed_target();

-- ---------------------------------------------------------------- persisted queries
-- The allow-list an admin registers: sha256 of the document text → the document.
CREATE TABLE persisted_query (
  sha256         char(64) PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  document       text NOT NULL CHECK (length(document) > 0),
  name           text,
  registered_by  int REFERENCES app_user(id),
  registered_at  timestamptz NOT NULL DEFAULT now()
);

-- API keys that may only run allow-listed documents. Keyed by the key's name (today the username of the
-- integrator account that holds the key), so it survives a rework of where key hashes are stored.
CREATE TABLE api_key_query_policy (
  key_name         text PRIMARY KEY,
  persisted_only   boolean NOT NULL DEFAULT true,
  set_by           int REFERENCES app_user(id),
  set_at           timestamptz NOT NULL DEFAULT now()
);
