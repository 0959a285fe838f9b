-- Planners (issue 9): idle land and 圈大建小 flags, 亩均 grading, park capacity figures. Thresholds are data.

-- One row of planner knobs (DOMAIN.md "Investment quality": the idle period and the low-build ratio are configurable).
CREATE TABLE planner_setting (
  id                 boolean PRIMARY KEY DEFAULT true CHECK (id),
  -- 闲置: a supplied parcel with no construction start this many days after supply (闲置土地处置办法: one year)
  idle_after_days    int NOT NULL DEFAULT 365 CHECK (idle_after_days BETWEEN 0 AND 36500),
  -- 圈大建小: a built parcel whose achieved floor-area ratio is below this share of its planned ratio
  low_build_ratio    numeric(4,3) NOT NULL DEFAULT 0.5 CHECK (low_build_ratio > 0 AND low_build_ratio <= 1),
  -- available parcels no farther apart than this (internal lanes) count as one contiguous site
  contiguity_m       numeric(8,2) NOT NULL DEFAULT 20 CHECK (contiguity_m >= 0)
);
INSERT INTO planner_setting DEFAULT VALUES;

-- 亩均 evaluation grades: A 优先发展, B 鼓励提升, C 帮扶转型, D 倒逼整治.
CREATE TYPE mu_grade AS ENUM ('A', 'B', 'C', 'D');

-- A grade needs both figures at or above its thresholds (万元/亩/年); below every row it is D.
CREATE TABLE mu_grade_threshold (
  grade              mu_grade PRIMARY KEY CHECK (grade <> 'D'),
  min_output_per_mu  numeric(12,2) NOT NULL CHECK (min_output_per_mu >= 0),
  min_tax_per_mu     numeric(12,2) NOT NULL CHECK (min_tax_per_mu >= 0)
);
INSERT INTO mu_grade_threshold (grade, min_output_per_mu, min_tax_per_mu) VALUES
  ('A', 300, 15), ('B', 150, 8), ('C', 60, 3);

-- Land used, output and tax of an enterprise for a year: the inputs of 亩均 grading.
CREATE TABLE enterprise_land_performance (
  enterprise_id  int NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
  year           int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  park_id        int REFERENCES park(id),
  land_area_mu   numeric(12,2) NOT NULL CHECK (land_area_mu > 0),
  annual_output  numeric(14,2) NOT NULL CHECK (annual_output >= 0),  -- 万元
  annual_tax     numeric(14,2) NOT NULL CHECK (annual_tax >= 0),     -- 万元
  synthetic      boolean NOT NULL DEFAULT false,
  PRIMARY KEY (enterprise_id, year)
);
CREATE INDEX enterprise_land_performance_park_idx ON enterprise_land_performance (park_id);

-- The grade for a pair of figures, read from mu_grade_threshold (NULL figures → NULL grade).
CREATE FUNCTION mu_grade_of(output_per_mu numeric, tax_per_mu numeric) RETURNS mu_grade
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN $1 IS NULL OR $2 IS NULL THEN NULL
         ELSE coalesce((SELECT g.grade FROM mu_grade_threshold g
                        WHERE $1 >= g.min_output_per_mu AND $2 >= g.min_tax_per_mu ORDER BY g.grade LIMIT 1), 'D'::mu_grade) END
$$;

-- Per parcel: 闲置 (status idle, or supplied and not started past the idle period, as of today) and 圈大建小.
CREATE VIEW parcel_land_flags AS
SELECT t.id AS parcel_id,
       (t.supply_status = 'idle'
        OR (t.supply_status = 'supplied' AND t.supplied_on IS NOT NULL AND t.supplied_on < current_date - s.idle_after_days)) AS is_idle,
       (t.supply_status = 'built' AND t.floor_area_ratio > 0 AND t.built_far IS NOT NULL
        AND t.built_far < t.floor_area_ratio * s.low_build_ratio) AS is_low_build
FROM parcel t CROSS JOIN planner_setting s;

-- Latest year's 亩均 figures per enterprise.
CREATE VIEW enterprise_mu_yield AS
SELECT DISTINCT ON (e.enterprise_id)
       e.enterprise_id, e.park_id, e.year, e.land_area_mu, e.annual_output, e.annual_tax, e.synthetic,
       e.annual_output / e.land_area_mu AS output_per_mu,
       e.annual_tax / e.land_area_mu AS tax_per_mu,
       mu_grade_of(e.annual_output / e.land_area_mu, e.annual_tax / e.land_area_mu) AS grade
FROM enterprise_land_performance e
ORDER BY e.enterprise_id, e.year DESC;

-- Contiguous groups of available parcels per park. DBSCAN's eps is in degrees here: contiguity_m over the
-- length of a degree of latitude, which is a little generous east-west at this latitude (fine for a lane width).
CREATE VIEW park_available_site AS
SELECT c.park_id, c.cluster, sum(c.area_m2) AS area_m2, array_agg(c.id ORDER BY c.id) AS parcel_ids
FROM (SELECT t.park_id, t.id, t.area_m2,
             ST_ClusterDBSCAN(t.geom, eps := s.contiguity_m / 111320.0, minpoints := 1) OVER (PARTITION BY t.park_id) AS cluster
      FROM parcel t CROSS JOIN planner_setting s
      WHERE t.supply_status = 'available' AND t.park_id IS NOT NULL) c
GROUP BY c.park_id, c.cluster;

-- Capacity and quality figures per park, as the map themes and panels show them.
CREATE VIEW park_capacity AS
SELECT p.id AS park_id,
       coalesce(l.parcel_m2, 0) AS parcel_m2,
       coalesce(l.available_m2, 0) AS available_m2,
       coalesce(l.idle_m2, 0) AS idle_m2,
       coalesce(l.idle_count, 0) AS idle_count,
       coalesce(l.low_build_m2, 0) AS low_build_m2,
       coalesce(l.low_build_count, 0) AS low_build_count,
       coalesce((SELECT max(a.area_m2) FROM park_available_site a WHERE a.park_id = p.id), 0) AS largest_site_m2,
       coalesce(f.floor_m2, 0) AS floor_m2,
       coalesce(f.vacant_m2, 0) AS vacant_floor_m2,
       y.enterprise_count, y.synthetic AS yield_synthetic, y.land_mu AS yield_land_mu, y.output AS yield_output, y.tax AS yield_tax,
       y.output / nullif(y.land_mu, 0) AS output_per_mu,
       y.tax / nullif(y.land_mu, 0) AS tax_per_mu,
       mu_grade_of(y.output / nullif(y.land_mu, 0), y.tax / nullif(y.land_mu, 0)) AS grade
FROM park p
LEFT JOIN LATERAL (
  SELECT sum(t.area_m2) AS parcel_m2,
         sum(t.area_m2) FILTER (WHERE t.supply_status = 'available') AS available_m2,
         sum(t.area_m2) FILTER (WHERE g.is_idle) AS idle_m2,
         count(*) FILTER (WHERE g.is_idle)::int AS idle_count,
         sum(t.area_m2) FILTER (WHERE g.is_low_build) AS low_build_m2,
         count(*) FILTER (WHERE g.is_low_build)::int AS low_build_count
  FROM parcel t JOIN parcel_land_flags g ON g.parcel_id = t.id WHERE t.park_id = p.id) l ON true
LEFT JOIN LATERAL (
  SELECT sum(b.floor_area_m2) AS floor_m2, sum(b.vacant_floor_area_m2) AS vacant_m2
  FROM factory_building b WHERE b.park_id = p.id) f ON true
LEFT JOIN LATERAL (
  SELECT count(*)::int AS enterprise_count, bool_or(e.synthetic) AS synthetic, sum(e.land_area_mu) AS land_mu, sum(e.annual_output) AS output, sum(e.annual_tax) AS tax
  FROM enterprise_mu_yield e WHERE e.park_id = p.id) y ON true;
