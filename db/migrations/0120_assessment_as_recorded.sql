-- Issue 8 ("as published on a date"): every input of the assessment read as it had been recorded by a moment,
-- rebuilt from the audit log (before/after JSON, written in the same transaction as the change).
--
-- A row's state at moment T: for each column, the `before` value of the first audited change of that column
-- after T; the current value when nothing changed it after T. This equals "the latest audited `after` at or before
-- T" whenever both exist, and also holds for rows written before auditing (the seeded city, fixtures), which have
-- no audit entry at or before T. A row whose first audited entry after T is its creation (before IS NULL) did not
-- exist at T. T NULL means "everything recorded": the tables as they are, at no extra cost.

-- The rows of one audited entity changed after p_at, each with its state at p_at as {column: value} (keys renamed
-- through p_columns, the audit key → column of each writer: the GraphQL services write camelCase entity fields, the
-- ledger import its own short names), or created_after when it was created after p_at. One pass over the audit
-- entries after p_at, so the cost follows what was written since, not the size of the table.
CREATE FUNCTION audit_states_after(p_entity text, p_at timestamptz, p_columns jsonb)
RETURNS TABLE (entity_id text, state jsonb, created_after boolean)
LANGUAGE sql STABLE AS $$
  WITH later AS (
    SELECT a.id, a.at, a.entity_id, a.before FROM audit_log a WHERE a.entity = p_entity AND a.at > p_at
  ),
  firsts AS (
    SELECT DISTINCT ON (l.entity_id, p_columns ->> e.key) l.entity_id, p_columns ->> e.key AS col, e.value AS val
    FROM later l CROSS JOIN LATERAL jsonb_each(l.before) e
    WHERE jsonb_typeof(l.before) = 'object' AND p_columns ? e.key
    ORDER BY l.entity_id, p_columns ->> e.key, l.at, l.id
  ),
  states AS (SELECT f.entity_id, jsonb_object_agg(f.col, f.val) AS state FROM firsts f GROUP BY f.entity_id),
  created AS (SELECT DISTINCT l.entity_id FROM later l WHERE l.before IS NULL)
  SELECT coalesce(s.entity_id, c.entity_id), coalesce(s.state, '{}'::jsonb), c.entity_id IS NOT NULL
  FROM states s FULL JOIN created c ON c.entity_id = s.entity_id
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
  LEFT JOIN audit_states_after('project', p_at, project_audit_columns()) s ON s.entity_id = p.id::text
  CROSS JOIN LATERAL jsonb_populate_record(p, coalesce(s.state, '{}'::jsonb)) r
  WHERE p_at IS NOT NULL AND s.created_after IS NOT TRUE
$$;

/* Assessment units as recorded by p_at. */
CREATE FUNCTION assessment_unit_as_recorded(p_at timestamptz) RETURNS SETOF assessment_unit
LANGUAGE sql STABLE AS $$
  SELECT u.* FROM assessment_unit u WHERE p_at IS NULL
  UNION ALL
  SELECT r.* FROM assessment_unit u
  LEFT JOIN audit_states_after('assessment_unit', p_at, '{"code": "code", "name": "name", "kind": "kind", "regionId": "region_id"}') s ON s.entity_id = u.id::text
  CROSS JOIN LATERAL jsonb_populate_record(u, coalesce(s.state, '{}'::jsonb)) r
  WHERE p_at IS NOT NULL AND s.created_after IS NOT TRUE
$$;

/* Annual targets as recorded by p_at (audited as "<unit id>:<year>"). */
CREATE FUNCTION annual_target_as_recorded(p_at timestamptz) RETURNS SETOF annual_target
LANGUAGE sql STABLE AS $$
  SELECT t.* FROM annual_target t WHERE p_at IS NULL
  UNION ALL
  SELECT r.* FROM annual_target t
  LEFT JOIN audit_states_after('annual_target', p_at, '{"totalAmount": "total_amount", "foreignAmount": "foreign_amount", "bigProjectCount": "big_project_count"}') s ON s.entity_id = t.unit_id || ':' || t.year
  CROSS JOIN LATERAL jsonb_populate_record(t, coalesce(s.state, '{}'::jsonb)) r
  WHERE p_at IS NOT NULL AND s.created_after IS NOT TRUE
$$;

/* Category coefficients as recorded by p_at (audited as "<year>:<category>"). */
CREATE FUNCTION assessment_coefficient_as_recorded(p_at timestamptz) RETURNS SETOF assessment_coefficient
LANGUAGE sql STABLE AS $$
  SELECT c.* FROM assessment_coefficient c WHERE p_at IS NULL
  UNION ALL
  SELECT r.* FROM assessment_coefficient c
  LEFT JOIN audit_states_after('assessment_coefficient', p_at, '{"coefficient": "coefficient", "basis": "basis"}') s ON s.entity_id = c.year || ':' || c.category_code
  CROSS JOIN LATERAL jsonb_populate_record(c, coalesce(s.state, '{}'::jsonb)) r
  WHERE p_at IS NOT NULL AND s.created_after IS NOT TRUE
$$;

/* Yearly rules as recorded by p_at. */
CREATE FUNCTION assessment_rule_as_recorded(p_at timestamptz) RETURNS SETOF assessment_rule
LANGUAGE sql STABLE AS $$
  SELECT y.* FROM assessment_rule y WHERE p_at IS NULL
  UNION ALL
  SELECT r.* FROM assessment_rule y
  LEFT JOIN audit_states_after('assessment_rule', p_at, '{"hostShare": "host_share", "bigProjectThreshold": "big_project_threshold", "weightTotal": "weight_total",
      "weightForeign": "weight_foreign", "weightCount": "weight_count", "reminderDays": "reminder_days",
      "eliminationDays": "elimination_days", "backdateDays": "backdate_days", "startRateCurve": "start_rate_curve"}') s ON s.entity_id = y.year::text
  CROSS JOIN LATERAL jsonb_populate_record(y, coalesce(s.state, '{}'::jsonb)) r
  WHERE p_at IS NOT NULL AND s.created_after IS NOT TRUE
$$;

-- The state at a moment reads one entity's audit entries after that moment; a revision reads all of them.
CREATE INDEX audit_log_entity_at_idx ON audit_log (entity, at);
CREATE INDEX audit_log_at_idx ON audit_log (at);
