-- Invest Atlas initial schema. Migrations are the only place DDL lives.
-- Geometry is stored in WGS 84 (EPSG:4326); areas are computed geodesically (geography casts).
CREATE EXTENSION IF NOT EXISTS postgis;

-- ---------------------------------------------------------------- enums
CREATE TYPE region_level AS ENUM ('province', 'city', 'district');
CREATE TYPE park_level AS ENUM ('national', 'provincial', 'municipal', 'county');
CREATE TYPE park_kind AS ENUM ('etdz', 'high_tech', 'cluster', 'bonded');
CREATE TYPE land_use AS ENUM ('M1', 'M2', 'M3', 'W', 'B', 'R', 'A', 'G', 'reserve');
CREATE TYPE supply_status AS ENUM ('reserve', 'available', 'supplied', 'under_construction', 'built', 'idle');
CREATE TYPE chain_segment AS ENUM ('upstream', 'midstream', 'downstream');
CREATE TYPE target_status AS ENUM ('lead', 'contacted', 'site_visit', 'negotiating', 'signed', 'dropped');
CREATE TYPE activity_kind AS ENUM ('visit', 'meeting', 'call', 'other');
-- Stage order matters: forward moves follow the enum order (seed 003 lifecycle).
CREATE TYPE project_stage AS ENUM ('lead', 'negotiating', 'signed', 'started', 'completed', 'in_production', 'at_capacity', 'eliminated', 'terminated');
CREATE TYPE fund_kind AS ENUM ('land_transfer', 'fixed_asset', 'registered_capital', 'other');
CREATE TYPE unit_kind AS ENUM ('district', 'department');
CREATE TYPE coefficient_basis AS ENUM ('funds_in_place', 'registered_capital');
CREATE TYPE user_role AS ENUM ('admin', 'planner', 'chain_leader', 'bureau', 'district', 'integrator');

-- ---------------------------------------------------------------- geography
CREATE TABLE region (
  id          serial PRIMARY KEY,
  code        char(6) NOT NULL UNIQUE CHECK (code ~ '^[1-9][0-9]{5}$'), -- GB/T 2260
  name        text NOT NULL CHECK (length(name) > 0),
  level       region_level NOT NULL,
  parent_id   int REFERENCES region(id),
  boundary    geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(boundary))
);
CREATE INDEX region_boundary_gix ON region USING gist (boundary);

CREATE TABLE park (
  id                 serial PRIMARY KEY,
  name               text NOT NULL UNIQUE CHECK (length(name) > 0),
  level              park_level NOT NULL,
  kind               park_kind NOT NULL,
  parent_park_id     int REFERENCES park(id),            -- 园中园 / 区中园
  region_id          int NOT NULL REFERENCES region(id),  -- where it lies
  administered_by_region_id int REFERENCES region(id),    -- 飞地园区: administered by another region
  boundary           geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(boundary)),
  main_industries    text[] NOT NULL DEFAULT '{}',
  intensity_floor    numeric(12,2) NOT NULL DEFAULT 180 CHECK (intensity_floor >= 0), -- 万元/亩, seed 003
  -- 七通一平: which of the seven connections plus levelled land are ready
  infrastructure     text[] NOT NULL DEFAULT '{}'
    CHECK (infrastructure <@ ARRAY['road','power','water','drainage','gas','telecom','heat','levelled']::text[]),
  established_on     date,
  CHECK (parent_park_id IS NULL OR parent_park_id <> id)
);
CREATE INDEX park_boundary_gix ON park USING gist (boundary);
CREATE INDEX park_region_idx ON park (region_id);
CREATE INDEX park_parent_idx ON park (parent_park_id);

-- ---------------------------------------------------------------- people
CREATE TABLE official (
  id          serial PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) > 0),
  title       text NOT NULL,
  department  text,
  phone       text
);

CREATE TABLE assessment_unit (
  id          serial PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL UNIQUE,
  kind        unit_kind NOT NULL,
  region_id   int REFERENCES region(id),
  CHECK (kind = 'department' OR region_id IS NOT NULL)
);

-- ---------------------------------------------------------------- enterprises and chains
CREATE TABLE enterprise (
  id                   serial PRIMARY KEY,
  name                 text NOT NULL UNIQUE CHECK (length(name) > 0),
  -- 统一社会信用代码 (GB 32100-2015); the check character is validated by the service and by usccValid()
  uscc                 char(18) UNIQUE CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  address              text,
  location             geometry(Point, 4326) NOT NULL,
  city                 text NOT NULL,          -- e.g. 商丘市, 苏州市
  source_region        text,                   -- 长三角, 珠三角, 京津冀 ... (for industry-transfer priority)
  region_id            int REFERENCES region(id), -- set for local enterprises
  is_local             boolean NOT NULL,
  industry_code        text NOT NULL CHECK (industry_code ~ '^[A-T]([0-9]{2,4})?$'), -- GB/T 4754
  registered_capital   numeric(14,2) CHECK (registered_capital >= 0), -- 万元
  revenue              numeric(14,2) CHECK (revenue >= 0),            -- 万元/年
  employees            int CHECK (employees >= 0),
  tags                 text[] NOT NULL DEFAULT '{}'
    CHECK (tags <@ ARRAY['global500','china500','industry_leader','listed','little_giant','high_tech','gazelle','unicorn']::text[]),
  synthetic            boolean NOT NULL DEFAULT false
);
CREATE INDEX enterprise_location_gix ON enterprise USING gist (location);
CREATE INDEX enterprise_geog_gix ON enterprise USING gist ((location::geography));

CREATE TABLE enterprise_relation (
  supplier_id   int NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
  customer_id   int NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
  note          text,
  PRIMARY KEY (supplier_id, customer_id),
  CHECK (supplier_id <> customer_id)
);

CREATE TABLE chain (
  id                    serial PRIMARY KEY,
  code                  text NOT NULL UNIQUE,
  name                  text NOT NULL UNIQUE,
  description           text,
  leader_official_id    int REFERENCES official(id),    -- 链长
  lead_department       text                            -- 牵头部门
);

CREATE TABLE chain_owner (   -- 链主企业
  chain_id       int NOT NULL REFERENCES chain(id) ON DELETE CASCADE,
  enterprise_id  int NOT NULL REFERENCES enterprise(id),
  PRIMARY KEY (chain_id, enterprise_id)
);

CREATE TABLE chain_node (
  id                 serial PRIMARY KEY,
  chain_id           int NOT NULL REFERENCES chain(id) ON DELETE CASCADE,
  parent_id          int REFERENCES chain_node(id),
  name               text NOT NULL,
  segment            chain_segment NOT NULL,
  sort_order         int NOT NULL DEFAULT 0,
  in_local_plan      boolean NOT NULL DEFAULT true,   -- false: present nationally, not planned locally (延链)
  benchmark_count    int CHECK (benchmark_count >= 0),
  benchmark_output   numeric(14,2) CHECK (benchmark_output >= 0), -- 万元/年
  UNIQUE (chain_id, name),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX chain_node_chain_idx ON chain_node (chain_id);

CREATE TABLE enterprise_chain_node (
  enterprise_id   int NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
  chain_node_id   int NOT NULL REFERENCES chain_node(id) ON DELETE CASCADE,
  output          numeric(14,2) CHECK (output >= 0),   -- 万元/年 attributed to this node
  PRIMARY KEY (enterprise_id, chain_node_id)
);
CREATE INDEX enterprise_chain_node_node_idx ON enterprise_chain_node (chain_node_id);

CREATE TABLE target_enterprise (
  id                  serial PRIMARY KEY,
  enterprise_id       int NOT NULL REFERENCES enterprise(id),
  chain_node_id       int NOT NULL REFERENCES chain_node(id),
  status              target_status NOT NULL DEFAULT 'lead',
  owner_team          text,                               -- 招商小分队
  owner_official_id   int REFERENCES official(id),
  next_action         text,
  next_action_due     date,
  created_on          date NOT NULL DEFAULT current_date,
  UNIQUE (enterprise_id, chain_node_id)
);
CREATE INDEX target_enterprise_node_idx ON target_enterprise (chain_node_id);

CREATE TABLE target_activity (
  id            serial PRIMARY KEY,
  target_id     int NOT NULL REFERENCES target_enterprise(id) ON DELETE CASCADE,
  kind          activity_kind NOT NULL,
  occurred_on   date NOT NULL,
  note          text NOT NULL
);
CREATE INDEX target_activity_target_idx ON target_activity (target_id);

-- ---------------------------------------------------------------- land
CREATE TABLE parcel (
  id               serial PRIMARY KEY,
  code             text NOT NULL UNIQUE,
  park_id          int REFERENCES park(id),
  geom             geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  -- geodesic area; 1 mu = 10000/15 m²
  area_m2          double precision GENERATED ALWAYS AS (ST_Area(geom::geography)) STORED,
  land_use         land_use NOT NULL,
  supply_status    supply_status NOT NULL,
  floor_area_ratio numeric(5,2) CHECK (floor_area_ratio >= 0),  -- 容积率 (planned)
  built_far        numeric(5,2) CHECK (built_far >= 0),         -- achieved floor-area ratio
  land_price       numeric(14,2) CHECK (land_price >= 0),       -- 万元
  supplied_on      date,
  project_id       int                                          -- FK added after project
);
CREATE INDEX parcel_geom_gix ON parcel USING gist (geom);
CREATE INDEX parcel_park_idx ON parcel (park_id);

CREATE TABLE factory_building (
  id                    serial PRIMARY KEY,
  name                  text NOT NULL,
  park_id               int NOT NULL REFERENCES park(id),
  location              geometry(Point, 4326) NOT NULL,
  footprint             geometry(Polygon, 4326) CHECK (footprint IS NULL OR ST_IsValid(footprint)),
  floors                int CHECK (floors > 0),
  floor_area_m2         numeric(12,2) NOT NULL CHECK (floor_area_m2 > 0),
  vacant_floor_area_m2  numeric(12,2) NOT NULL CHECK (vacant_floor_area_m2 >= 0),
  CHECK (vacant_floor_area_m2 <= floor_area_m2)
);
CREATE INDEX factory_building_location_gix ON factory_building USING gist (location);
CREATE INDEX factory_building_park_idx ON factory_building (park_id);

-- ---------------------------------------------------------------- assessment configuration (data, not code)
CREATE TABLE assessment_category (
  code         text PRIMARY KEY,
  name         text NOT NULL,
  description  text NOT NULL
);

CREATE TABLE assessment_coefficient (    -- seed 004: 100% / 70% / excluded, per year
  year           int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  category_code  text NOT NULL REFERENCES assessment_category(code),
  coefficient    numeric(4,3) NOT NULL CHECK (coefficient BETWEEN 0 AND 1),
  basis          coefficient_basis NOT NULL DEFAULT 'funds_in_place',
  PRIMARY KEY (year, category_code)
);

CREATE TABLE assessment_rule (           -- per-year knobs of the assessment
  year                    int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  host_share              numeric(4,3) NOT NULL DEFAULT 0.5 CHECK (host_share BETWEEN 0 AND 1), -- placement rule; 0 = off
  big_project_threshold   numeric(14,2) NOT NULL DEFAULT 10000 CHECK (big_project_threshold > 0), -- 万元
  weight_total            numeric(4,3) NOT NULL DEFAULT 0.6 CHECK (weight_total >= 0),
  weight_foreign          numeric(4,3) NOT NULL DEFAULT 0.2 CHECK (weight_foreign >= 0),
  weight_count            numeric(4,3) NOT NULL DEFAULT 0.2 CHECK (weight_count >= 0)
);

CREATE TABLE annual_target (
  unit_id                 int NOT NULL REFERENCES assessment_unit(id),
  year                    int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  total_amount            numeric(14,2) NOT NULL CHECK (total_amount >= 0),   -- 亿元
  foreign_amount          numeric(14,2) NOT NULL CHECK (foreign_amount >= 0), -- 万美元
  big_project_count       int NOT NULL CHECK (big_project_count >= 0),
  PRIMARY KEY (unit_id, year)
);

-- ---------------------------------------------------------------- projects
CREATE TABLE project (
  id                         serial PRIMARY KEY,
  code                       text NOT NULL UNIQUE,
  name                       text NOT NULL CHECK (length(name) > 0),
  investor_id                int REFERENCES enterprise(id),
  introducing_unit_id        int NOT NULL REFERENCES assessment_unit(id),  -- the one unit credited (seed 000)
  category_code              text NOT NULL REFERENCES assessment_category(code),
  park_id                    int REFERENCES park(id),
  parcel_id                  int REFERENCES parcel(id),
  chain_node_id              int REFERENCES chain_node(id),
  region_id                  int REFERENCES region(id),                     -- location region
  location                   geometry(Point, 4326),
  stage                      project_stage NOT NULL DEFAULT 'lead',
  agreed_investment          numeric(14,2) CHECK (agreed_investment >= 0),        -- 协议投资 万元
  planned_total_investment   numeric(14,2) CHECK (planned_total_investment >= 0), -- 万元
  fixed_asset_investment     numeric(14,2) CHECK (fixed_asset_investment >= 0),   -- 万元
  foreign_investment         numeric(14,2) CHECK (foreign_investment >= 0),       -- 万美元
  registered_capital         numeric(14,2) CHECK (registered_capital >= 0),       -- 万元
  land_need_mu               numeric(12,2) CHECK (land_need_mu >= 0),
  expected_annual_output     numeric(14,2) CHECK (expected_annual_output >= 0),   -- 万元
  expected_annual_tax        numeric(14,2) CHECK (expected_annual_tax >= 0),      -- 万元
  company_uscc               char(18) CHECK (company_uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  company_registered_on      date,
  quality_tags               text[] NOT NULL DEFAULT '{}'
    CHECK (quality_tags <@ ARRAY['high_end','smart','green','integrated']::text[]),  -- 四化, seed 003
  responsible_leader_id      int REFERENCES official(id),   -- 包抓领导
  service_officer_id         int REFERENCES official(id),   -- 首席服务官
  target_enterprise_id       int REFERENCES target_enterprise(id),
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  CHECK ((company_uscc IS NULL) = (company_registered_on IS NULL))
);
CREATE INDEX project_location_gix ON project USING gist (location);
CREATE INDEX project_unit_idx ON project (introducing_unit_id);
CREATE INDEX project_park_idx ON project (park_id);
CREATE INDEX project_stage_idx ON project (stage);
ALTER TABLE parcel ADD CONSTRAINT parcel_project_fk FOREIGN KEY (project_id) REFERENCES project(id);

-- Every stage a project entered, with its date: the basis of time-travel rates.
CREATE TABLE project_stage_event (
  id            serial PRIMARY KEY,
  project_id    int NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  stage         project_stage NOT NULL,
  entered_on    date NOT NULL,
  actor_id      int,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, stage)
);
CREATE INDEX project_stage_event_stage_idx ON project_stage_event (stage, entered_on);

-- Stage dates must never go backwards and stages only move forward (or to an off-ramp).
CREATE FUNCTION project_stage_event_guard() RETURNS trigger AS $$
DECLARE last_stage project_stage; last_date date;
BEGIN
  SELECT stage, entered_on INTO last_stage, last_date FROM project_stage_event
   WHERE project_id = NEW.project_id ORDER BY entered_on DESC, stage DESC LIMIT 1;
  IF last_stage IS NOT NULL THEN
    IF last_stage IN ('eliminated', 'terminated', 'at_capacity') THEN
      RAISE EXCEPTION 'project % is in final stage %', NEW.project_id, last_stage USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.stage <= last_stage THEN
      RAISE EXCEPTION 'stage % does not follow %', NEW.stage, last_stage USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.entered_on < last_date THEN
      RAISE EXCEPTION 'stage date % is before the previous stage date %', NEW.entered_on, last_date USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER project_stage_event_guard BEFORE INSERT ON project_stage_event
  FOR EACH ROW EXECUTE FUNCTION project_stage_event_guard();

-- 实际到位资金: dated arrivals with evidence (seed 004: land-transfer payments plus fixed-asset investment)
CREATE TABLE fund_arrival (
  id               serial PRIMARY KEY,
  project_id       int NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  arrived_on       date NOT NULL,
  amount           numeric(14,2) NOT NULL CHECK (amount > 0),                 -- 万元 (all funds, incl. foreign converted)
  foreign_amount   numeric(14,2) NOT NULL DEFAULT 0 CHECK (foreign_amount >= 0), -- 万美元 part
  kind             fund_kind NOT NULL,
  evidence_ref     text NOT NULL CHECK (length(evidence_ref) > 0),           -- 资金到帐凭证 number
  evidence_note    text,
  recorded_by      int,
  recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fund_arrival_project_idx ON fund_arrival (project_id, arrived_on);

CREATE TABLE project_milestone (       -- 节点制
  id          serial PRIMARY KEY,
  project_id  int NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  name        text NOT NULL,
  due_on      date NOT NULL,
  done_on     date
);
CREATE INDEX project_milestone_project_idx ON project_milestone (project_id);

-- ---------------------------------------------------------------- accounts and audit
CREATE TABLE app_user (
  id              serial PRIMARY KEY,
  username        text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
  display_name    text NOT NULL,
  role            user_role NOT NULL,
  password_hash   text,                 -- bcrypt
  api_key_hash    text UNIQUE,          -- sha-256 of the integrator's key
  unit_id         int REFERENCES assessment_unit(id),
  official_id     int REFERENCES official(id),
  is_demo         boolean NOT NULL DEFAULT false,
  demo_password   text,                 -- shown on the sign-in page for demo accounts only
  CHECK (role <> 'district' OR unit_id IS NOT NULL),
  CHECK (password_hash IS NOT NULL OR api_key_hash IS NOT NULL),
  CHECK (demo_password IS NULL OR is_demo)
);

CREATE TABLE user_chain (   -- a chain leader's scope
  user_id   int NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  chain_id  int NOT NULL REFERENCES chain(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, chain_id)
);

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    int,
  actor_name  text NOT NULL,
  action      text NOT NULL,
  entity      text NOT NULL,
  entity_id   text NOT NULL,
  before      jsonb,
  after       jsonb
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

-- Append-only: the audit log can be written, never changed.
CREATE FUNCTION audit_log_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();
