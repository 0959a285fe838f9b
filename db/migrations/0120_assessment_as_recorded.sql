-- Issue 8 ("as published on a date"): every input of the assessment read as it had been recorded by a moment,
-- rebuilt from the audit log (before/after JSON, written in the same transaction as the change).
--
-- A row's state at moment T: for each column, the `before` value of the first audited change of that column
-- after T; the current value when nothing changed it after T. This equals "the latest audited `after` at or before
-- T" whenever both exist, and also holds for rows written before auditing (the seeded city, fixtures), which have
-- no audit entry at or before T. A row whose first audited entry after T is its creation (before IS NULL) did not
-- exist at T. T NULL means "everything recorded": the tables as they are, at no extra cost.

-- The audit entries of one row written after p_at, as {column: value}, keys renamed through p_columns (the audit
-- key → column of each writer: the GraphQL services write camelCase entity fields, the ledger import its own
-- short names); NULL when the row was created after p_at.
CREATE FUNCTION audit_state_at(p_entity text, p_entity_id text, p_at timestamptz, p_columns jsonb) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = p_entity AND a.entity_id = p_entity_id AND a.at > p_at AND a.before IS NULL)
      THEN NULL
    ELSE coalesce((
      SELECT jsonb_object_agg(x.col, x.val) FROM (
        SELECT DISTINCT ON (p_columns ->> e.key) p_columns ->> e.key AS col, e.value AS val
        FROM audit_log a CROSS JOIN LATERAL jsonb_each(a.before) e
        WHERE a.entity = p_entity AND a.entity_id = p_entity_id AND a.at > p_at
          AND jsonb_typeof(a.before) = 'object' AND p_columns ? e.key
        ORDER BY p_columns ->> e.key, a.at, a.id
      ) x), '{}'::jsonb)
  END
$$;

-- Audit keys of a project's columns that the assessment reads or shows (location is left out: the region is what counts).
CREATE FUNCTION project_audit_columns() RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT '{"code": "code", "name": "name", "stage": "stage",
           "introducingUnitId": "introducing_unit_id", "unit": "introducing_unit_id",
           "categoryCode": "category_code", "category": "category_code",
           "regionId": "region_id", "region": "region_id", "parkId": "park_id", "park": "park_id",
           "chainNodeId": "chain_node_id",
           "agreedInvestment": "agreed_investment", "agreed": "agreed_investment",
           "plannedTotalInvestment": "planned_total_investment", "planned": "planned_total_investment",
           "fixedAssetInvestment": "fixed_asset_investment", "fixedAsset": "fixed_asset_investment",
           "foreignInvestment": "foreign_investment", "foreign": "foreign_investment",
           "registeredCapital": "registered_capital", "landNeedMu": "land_need_mu", "landMu": "land_need_mu",
           "companyUscc": "company_uscc", "uscc": "company_uscc",
           "companyRegisteredOn": "company_registered_on", "registeredOn": "company_registered_on"}'::jsonb
$$;

/* Projects as recorded by p_at (NULL: as they are now). */
CREATE FUNCTION project_as_recorded(p_at timestamptz) RETURNS SETOF project
LANGUAGE sql STABLE AS $$
  SELECT p.* FROM project p WHERE p_at IS NULL
  UNION ALL
  SELECT r.* FROM project p
  CROSS JOIN LATERAL (SELECT audit_state_at('project', p.id::text, p_at, project_audit_columns()) AS state) s
  CROSS JOIN LATERAL jsonb_populate_record(p, s.state) r
  WHERE p_at IS NOT NULL AND s.state IS NOT NULL
$$;

/* Assessment units as recorded by p_at. */
CREATE FUNCTION assessment_unit_as_recorded(p_at timestamptz) RETURNS SETOF assessment_unit
LANGUAGE sql STABLE AS $$
  SELECT u.* FROM assessment_unit u WHERE p_at IS NULL
  UNION ALL
  SELECT r.* FROM assessment_unit u
  CROSS JOIN LATERAL (SELECT audit_state_at('assessment_unit', u.id::text, p_at,
    '{"code": "code", "name": "name", "kind": "kind", "regionId": "region_id"}') AS state) s
  CROSS JOIN LATERAL jsonb_populate_record(u, s.state) r
  WHERE p_at IS NOT NULL AND s.state IS NOT NULL
$$;

/* Annual targets as recorded by p_at (audited as "<unit id>:<year>"). */
CREATE FUNCTION annual_target_as_recorded(p_at timestamptz) RETURNS SETOF annual_target
LANGUAGE sql STABLE AS $$
  SELECT t.* FROM annual_target t WHERE p_at IS NULL
  UNION ALL
  SELECT r.* FROM annual_target t
  CROSS JOIN LATERAL (SELECT audit_state_at('annual_target', t.unit_id || ':' || t.year, p_at,
    '{"totalAmount": "total_amount", "foreignAmount": "foreign_amount", "bigProjectCount": "big_project_count"}') AS state) s
  CROSS JOIN LATERAL jsonb_populate_record(t, s.state) r
  WHERE p_at IS NOT NULL AND s.state IS NOT NULL
$$;

/* Category coefficients as recorded by p_at (audited as "<year>:<category>"). */
CREATE FUNCTION assessment_coefficient_as_recorded(p_at timestamptz) RETURNS SETOF assessment_coefficient
LANGUAGE sql STABLE AS $$
  SELECT c.* FROM assessment_coefficient c WHERE p_at IS NULL
  UNION ALL
  SELECT r.* FROM assessment_coefficient c
  CROSS JOIN LATERAL (SELECT audit_state_at('assessment_coefficient', c.year || ':' || c.category_code, p_at,
    '{"coefficient": "coefficient", "basis": "basis"}') AS state) s
  CROSS JOIN LATERAL jsonb_populate_record(c, s.state) r
  WHERE p_at IS NOT NULL AND s.state IS NOT NULL
$$;

/* Yearly rules as recorded by p_at. */
CREATE FUNCTION assessment_rule_as_recorded(p_at timestamptz) RETURNS SETOF assessment_rule
LANGUAGE sql STABLE AS $$
  SELECT y.* FROM assessment_rule y WHERE p_at IS NULL
  UNION ALL
  SELECT r.* FROM assessment_rule y
  CROSS JOIN LATERAL (SELECT audit_state_at('assessment_rule', y.year::text, p_at,
    '{"hostShare": "host_share", "bigProjectThreshold": "big_project_threshold", "weightTotal": "weight_total",
      "weightForeign": "weight_foreign", "weightCount": "weight_count", "reminderDays": "reminder_days",
      "eliminationDays": "elimination_days", "backdateDays": "backdate_days", "startRateCurve": "start_rate_curve"}') AS state) s
  CROSS JOIN LATERAL jsonb_populate_record(y, s.state) r
  WHERE p_at IS NOT NULL AND s.state IS NOT NULL
$$;

-- The state of one row at a moment reads its audit entries after that moment, in time order.
CREATE INDEX audit_log_entity_at_idx ON audit_log (entity, entity_id, at);
-- A revision reads every audited edit after the publication moment.
CREATE INDEX audit_log_at_idx ON audit_log (at);
