// Assessment (考核) SQL: rates, credited amounts, scores and rankings, all as of a date (DOMAIN.md "Rates",
// "Assessment"). Every statement takes the as-of date and an optional `recordedBy` timestamp: when set, only
// fund arrivals and stage events recorded by then count, and projects, units, targets, coefficients and rules are
// read as they had been recorded by then (the `*_as_recorded` functions of migration 0120 rebuild them from the
// audit log): "as published on that date". Money stays numeric and is rounded to 2 decimals here, at the SQL
// boundary, so the API returns exactly what the database holds.

/**
 * The tables a figure reads: as they are now (`recorded` null), or as recorded by the moment in that parameter, through
 * migration 0120's functions. Two statements rather than one with a NULL test: inlined into the ranking, the functions'
 * UNION ALL doubles its time even when the moment is NULL.
 */
const sources = (recorded: string | null) => {
  const t = (table: string) => (recorded ? `${table}_as_recorded(${recorded}::timestamptz)` : table);
  return { project: t('project'), unit: t('assessment_unit'), target: t('annual_target'), coefficient: t('assessment_coefficient'), rule: t('assessment_rule') };
};

/** For this transaction only: no JIT compilation (see AssessmentService.read). */
export const NO_JIT = `SET LOCAL jit = off`;

/** An assessment_rule row as the API's AssessmentRule (camelCase names, amounts as float8). */
const RULE_FIELDS = `year, host_share::float8 AS "hostShare", big_project_threshold::float8 AS "bigProjectThreshold",
         weight_total::float8 AS "weightTotal", weight_foreign::float8 AS "weightForeign", weight_count::float8 AS "weightCount",
         reminder_days AS "reminderDays", elimination_days AS "eliminationDays", backdate_days AS "backdateDays",
         start_rate_curve AS "startRateCurve"`;

/** The yearly knobs ($1 year), as recorded by $2 when asRecorded. */
export const RULE_OF_YEAR = (asRecorded: boolean) => `
  SELECT ${RULE_FIELDS} FROM ${sources(asRecorded ? '$2' : null).rule} WHERE year = $1`;

/**
 * The fund arrivals that count ($1 year, $2 as-of, $3 recordedBy or NULL), as FROM … WHERE over `f` (the arrival),
 * `p` (its project), `c` (the category's coefficient) and `iu` (the introducing unit): dated in the year up to
 * as-of, of a category whose coefficient that year is above 0 (excluded categories are outside the assessment).
 * `join` adds a join of the caller's.
 */
const COUNTED_ARRIVALS = (src: ReturnType<typeof sources>, join = '') => `
    FROM fund_arrival f
    JOIN ${src.project} p ON p.id = f.project_id
    JOIN ${src.coefficient} c ON c.year = $1 AND c.category_code = p.category_code AND c.coefficient > 0
    JOIN ${src.unit} iu ON iu.id = p.introducing_unit_id
    ${join}
    WHERE f.arrived_on >= make_date($1, 1, 1) AND f.arrived_on <= LEAST($2::date, make_date($1, 12, 31))
      AND ($3::timestamptz IS NULL OR f.recorded_at <= $3::timestamptz)`;

/** The host unit of a department's project located in `region` (placement rule, seed 004): that region's district/county unit. */
const HOST_UNIT = (src: ReturnType<typeof sources>, region: string) =>
  `(SELECT hu.id FROM ${src.unit} hu WHERE hu.kind = 'district' AND hu.region_id = ${region} ORDER BY hu.id LIMIT 1)`;

/**
 * Credit lines: each counted fund arrival once for its introducing unit (share 1) and, when a department's project
 * lies in a district/county and the year's host share is above 0, once more for that host unit.
 */
const CREDIT_LINES = (src: ReturnType<typeof sources>) => `
  rule AS (SELECT * FROM ${src.rule} WHERE year = $1),
  arr AS (
    SELECT f.id AS arrival_id, f.project_id, f.arrived_on, f.amount, f.foreign_amount, f.recorded_at, f.kind,
           p.introducing_unit_id, p.category_code, c.coefficient, host.id AS host_unit_id
    ${COUNTED_ARRIVALS(src, `LEFT JOIN LATERAL ${HOST_UNIT(src, 'p.region_id')} host ON iu.kind = 'department'`)}
  ),
  lines AS (
    SELECT arr.*, arr.introducing_unit_id AS unit_id, 'own'::text AS role, 1::numeric AS share FROM arr
    UNION ALL
    SELECT arr.*, arr.host_unit_id, 'host', rule.host_share FROM arr, rule
    WHERE arr.host_unit_id IS NOT NULL AND rule.host_share > 0
  )`;

/**
 * The credit of each unit, the same sums as CREDIT_LINES but added up per introducing unit and project region first
 * (a few dozen rows instead of one per arrival): share × Σ(amount × coefficient) equals Σ(amount × coefficient ×
 * share) exactly in numeric arithmetic, so the ranking and its drill-down agree to the cent.
 */
const UNIT_CREDIT = (src: ReturnType<typeof sources>) => `
  rule AS (SELECT * FROM ${src.rule} WHERE year = $1),
  arr AS (
    SELECT p.introducing_unit_id AS unit_id, iu.kind = 'department' AS is_department, p.region_id,
           sum(f.amount * c.coefficient) AS amount, sum(f.foreign_amount * c.coefficient) AS foreign_amount
    ${COUNTED_ARRIVALS(src)}
    GROUP BY 1, 2, 3
  ),
  lines AS (
    SELECT unit_id, 'own'::text AS role, amount, foreign_amount FROM arr
    UNION ALL
    SELECT host.id, 'host', arr.amount * rule.host_share, arr.foreign_amount * rule.host_share
    FROM arr CROSS JOIN rule JOIN LATERAL ${HOST_UNIT(src, 'arr.region_id')} host ON true
    WHERE arr.is_department AND rule.host_share > 0
  ),
  credit AS (
    SELECT unit_id,
           sum(amount) AS total,
           sum(amount) FILTER (WHERE role = 'own') AS own,
           sum(amount) FILTER (WHERE role = 'host') AS hosted,
           sum(foreign_amount) AS foreign_total
    FROM lines GROUP BY unit_id
  )`;

/**
 * Ranking of year $1 as of $2 (recordedBy $3): per unit with a target that year, credited total and foreign
 * (arrivals × coefficient × share), the count of ≥ threshold projects signed in the year by as-of, not
 * terminated by as-of and not excluded, each completion uncapped, the weighted score and the rank within
 * its kind (districts/counties and departments are ranked separately, 分级考核). Each row also carries its unit
 * (name, region) and the year's rule, so the whole ranking is one round trip.
 */
export const RANKING = (asRecorded: boolean) => {
  const src = sources(asRecorded ? '$3' : null);
  return `
  WITH ${UNIT_CREDIT(src)},
  big AS (
    SELECT p.introducing_unit_id AS unit_id, count(*) AS n
    FROM ${src.project} p
    JOIN project_stage_event s ON s.project_id = p.id AND s.stage = 'signed'
     AND s.entered_on >= make_date($1, 1, 1) AND s.entered_on <= LEAST($2::date, make_date($1, 12, 31))
     AND ($3::timestamptz IS NULL OR s.recorded_at <= $3::timestamptz)
    JOIN ${src.coefficient} c ON c.year = $1 AND c.category_code = p.category_code AND c.coefficient > 0
    CROSS JOIN rule
    WHERE p.agreed_investment >= rule.big_project_threshold
      AND NOT EXISTS (SELECT 1 FROM project_stage_event t WHERE t.project_id = p.id AND t.stage = 'terminated'
                      AND t.entered_on <= $2::date AND ($3::timestamptz IS NULL OR t.recorded_at <= $3::timestamptz))
    GROUP BY 1
  ),
  scored AS (
    SELECT u.id AS unit_id, u.code, u.kind::text AS kind, u.name AS unit_name, u.region_id AS unit_region_id,
           t.total_amount AS target_total, t.foreign_amount AS target_foreign, t.big_project_count AS target_count,
           round(coalesce(cr.total, 0), 2) AS credited_total, round(coalesce(cr.own, 0), 2) AS credited_own,
           round(coalesce(cr.hosted, 0), 2) AS credited_hosted, round(coalesce(cr.foreign_total, 0), 2) AS credited_foreign,
           coalesce(big.n, 0)::int AS big_count,
           rule.weight_total, rule.weight_foreign, rule.weight_count
    FROM ${src.target} t
    JOIN ${src.unit} u ON u.id = t.unit_id
    CROSS JOIN rule
    LEFT JOIN credit cr ON cr.unit_id = u.id
    LEFT JOIN big ON big.unit_id = u.id
    WHERE t.year = $1
  ),
  completed AS (
    SELECT s.*,
           s.credited_total / NULLIF(s.target_total, 0) AS c_total,
           s.credited_foreign / NULLIF(s.target_foreign, 0) AS c_foreign,
           s.big_count / NULLIF(s.target_count, 0)::numeric AS c_count
    FROM scored s
  ),
  final AS (
    SELECT c.*,
           coalesce(c.weight_total * c.c_total, 0) + coalesce(c.weight_foreign * c.c_foreign, 0) + coalesce(c.weight_count * c.c_count, 0) AS score
    FROM completed c
  )
  SELECT unit_id AS "unitId", code, kind,
         target_total::float8 AS "targetTotal", target_foreign::float8 AS "targetForeign", target_count AS "targetCount",
         credited_total::float8 AS "creditedTotal", credited_own::float8 AS "creditedOwn", credited_hosted::float8 AS "creditedHosted",
         credited_foreign::float8 AS "creditedForeign", big_count AS "bigProjectCount",
         round(c_total, 6)::float8 AS "completionTotal", round(c_foreign, 6)::float8 AS "completionForeign", round(c_count, 6)::float8 AS "completionCount",
         round(score, 6)::float8 AS score,
         rank() OVER (PARTITION BY kind ORDER BY round(score, 6) DESC)::int AS rank,
         count(*) OVER (PARTITION BY kind)::int AS "unitsRanked",
         unit_name AS "unitName", unit_region_id AS "unitRegionId",
         (SELECT to_json(r) FROM (SELECT ${RULE_FIELDS} FROM rule) r) AS rule
  FROM final
  ORDER BY kind, rank, code`;
};

/** The credit lines of one unit ($4 unit id) with what makes each credited figure; $5 back-dating threshold in days. */
export const CREDIT_DRILL_DOWN = (asRecorded: boolean) => `
  WITH ${CREDIT_LINES(sources(asRecorded ? '$3' : null))}
  SELECT l.arrival_id AS "arrivalId", l.project_id AS "projectId", l.role, l.arrived_on::text AS "arrivedOn",
         l.amount::float8 AS amount, l.foreign_amount::float8 AS "foreignAmount", l.category_code AS "categoryCode",
         l.coefficient::float8 AS coefficient, l.share::float8 AS share,
         round(l.amount * l.coefficient * l.share, 2)::float8 AS credited,
         round(l.foreign_amount * l.coefficient * l.share, 2)::float8 AS "creditedForeign",
         l.recorded_at AS "recordedAt",
         ((l.recorded_at AT TIME ZONE 'Asia/Shanghai')::date - l.arrived_on) AS "recordedAfterDays",
         ((l.recorded_at AT TIME ZONE 'Asia/Shanghai')::date - l.arrived_on) > $5 AS backdated
  FROM lines l WHERE l.unit_id = $4
  ORDER BY l.arrived_on, l.arrival_id, l.role DESC`;

/**
 * Fund arrivals dated in year $1 up to $2 that were recorded more than $3 days after the date they claim
 * (China time): the back-dated entries that can dress up a ranking (临时包装项目, 借项目).
 */
export const BACKDATED_ARRIVALS = `
  SELECT f.id AS "arrivalId", f.project_id AS "projectId", p.introducing_unit_id AS "unitId", f.arrived_on::text AS "arrivedOn",
         f.amount::float8 AS amount, f.foreign_amount::float8 AS "foreignAmount", f.recorded_at AS "recordedAt", f.evidence_ref AS "evidenceRef",
         ((f.recorded_at AT TIME ZONE 'Asia/Shanghai')::date - f.arrived_on) AS "recordedAfterDays"
  FROM fund_arrival f JOIN project p ON p.id = f.project_id
  WHERE f.arrived_on >= make_date($1, 1, 1) AND f.arrived_on <= LEAST($2::date, make_date($1, 12, 31))
    AND ((f.recorded_at AT TIME ZONE 'Asia/Shanghai')::date - f.arrived_on) > $3
  ORDER BY "recordedAfterDays" DESC, f.id`;

/**
 * Entries that count for year $1 as of $2 but were recorded after $3 (the publication time): fund arrivals
 * and signing/termination events, i.e. what a ranking published at $3 could not have known.
 */
export const LATE_ENTRIES = `
  SELECT 'fund_arrival' AS entity, f.id AS "entityId", f.project_id AS "projectId", p.introducing_unit_id AS "unitId",
         f.arrived_on::text AS "effectiveOn", f.recorded_at AS "recordedAt", f.amount::float8 AS amount, NULL::text AS stage
  FROM fund_arrival f JOIN project p ON p.id = f.project_id
  WHERE f.arrived_on >= make_date($1, 1, 1) AND f.arrived_on <= LEAST($2::date, make_date($1, 12, 31)) AND f.recorded_at > $3::timestamptz
  UNION ALL
  SELECT 'project_stage_event', e.id, e.project_id, p.introducing_unit_id, e.entered_on::text, e.recorded_at, NULL, upper(e.stage::text)
  FROM project_stage_event e JOIN project p ON p.id = e.project_id
  WHERE e.stage IN ('signed', 'terminated') AND e.entered_on <= $2::date AND e.recorded_at > $3::timestamptz
    AND (e.stage = 'terminated' OR e.entered_on >= make_date($1, 1, 1))
  ORDER BY "recordedAt", entity, "entityId"`;

/** Audit keys of the inputs a revision lists, mapped to the field names the API uses (the ledger import writes short names). */
const EDIT_FIELDS = `'{"introducingUnitId": "introducingUnitId", "unit": "introducingUnitId", "categoryCode": "categoryCode", "category": "categoryCode",
  "regionId": "regionId", "region": "regionId", "parkId": "parkId", "park": "parkId", "agreedInvestment": "agreedInvestment", "agreed": "agreedInvestment",
  "companyUscc": "companyUscc", "uscc": "companyUscc", "companyRegisteredOn": "companyRegisteredOn", "registeredOn": "companyRegisteredOn",
  "foreignInvestment": "foreignInvestment", "foreign": "foreignInvestment", "kind": "kind",
  "hostShare": "hostShare", "bigProjectThreshold": "bigProjectThreshold", "weightTotal": "weightTotal", "weightForeign": "weightForeign",
  "weightCount": "weightCount", "backdateDays": "backdateDays", "startRateCurve": "startRateCurve",
  "coefficient": "coefficient", "totalAmount": "totalAmount", "foreignAmount": "foreignAmount", "bigProjectCount": "bigProjectCount"}'::jsonb`;

/** A JSON value as a person reads it: references by name, numbers without trailing zeros. */
const EDIT_LABEL = (v: string) => `CASE
    WHEN ${v} IS NULL OR jsonb_typeof(${v}) = 'null' THEN NULL
    WHEN x.field = 'introducingUnitId' THEN (SELECT u.name FROM assessment_unit u WHERE u.id::text = ${v} #>> '{}')
    WHEN x.field = 'regionId' THEN (SELECT r.name FROM region r WHERE r.id::text = ${v} #>> '{}')
    WHEN x.field = 'parkId' THEN (SELECT k.name FROM park k WHERE k.id::text = ${v} #>> '{}')
    WHEN x.field = 'categoryCode' THEN (SELECT c.name FROM assessment_category c WHERE c.code = ${v} #>> '{}')
    WHEN (${v} #>> '{}') ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN trim_scale((${v} #>> '{}')::numeric)::text
    ELSE ${v} #>> '{}' END`;

/**
 * Audited edits after $3 (the publication time) of what the ranking of year $1 as of $2 reads: the attributes of
 * projects signed by as-of (unit, category, location, agreed amount, company registration, foreign part), the year's
 * rules, coefficients and targets, and units' kind or region; one row per changed field, with its value then and now.
 */
export const LATE_EDITS = `
  WITH x AS (
    SELECT a.id, a.at, a.actor_name, a.entity, a.entity_id, ${EDIT_FIELDS} ->> e.key AS field, e.value AS before_v, a.after -> e.key AS after_v,
           CASE WHEN a.entity = 'project' THEN a.entity_id::int END AS project_id
    FROM audit_log a CROSS JOIN LATERAL jsonb_each(a.before) e
    WHERE a.at > $3::timestamptz AND jsonb_typeof(a.before) = 'object' AND jsonb_typeof(a.after) = 'object' AND ${EDIT_FIELDS} ? e.key
      AND CASE WHEN (e.value #>> '{}') ~ '^-?[0-9]+(\\.[0-9]+)?$' AND (a.after ->> e.key) ~ '^-?[0-9]+(\\.[0-9]+)?$'
               THEN (e.value #>> '{}')::numeric <> (a.after ->> e.key)::numeric
               ELSE (e.value #>> '{}') IS DISTINCT FROM (a.after ->> e.key) END
      AND CASE a.entity
            WHEN 'project' THEN EXISTS (
              SELECT 1 FROM project_stage_event s WHERE s.project_id::text = a.entity_id AND s.stage = 'signed' AND s.entered_on <= $2::date)
            WHEN 'assessment_rule' THEN a.entity_id = $1::text
            WHEN 'assessment_coefficient' THEN a.entity_id LIKE $1::text || ':%'
            WHEN 'annual_target' THEN a.entity_id LIKE '%:' || $1::text
            WHEN 'assessment_unit' THEN e.key IN ('kind', 'regionId')
            ELSE false END
  )
  SELECT x.entity, x.entity_id AS "entityId", x.project_id AS "projectId", x.field, x.at AS "recordedAt", x.actor_name AS "actorName",
         ${EDIT_LABEL('x.before_v')} AS before, ${EDIT_LABEL('x.after_v')} AS after
  FROM x ORDER BY x.at, x.id, x.field`;

/**
 * The rate cohort ($1 from, $2 to, $3 as-of, $4 recordedBy or NULL): projects signed in [from, to] and on or
 * before as-of, each with what decides the four rates. Stages count when entered by as-of (a later stage
 * implies the earlier ones were passed); terminated projects stay in (DOMAIN.md "Rates").
 */
const COHORT = (src: ReturnType<typeof sources>) => `
  cohort AS (
    SELECT p.id, p.introducing_unit_id AS unit_id, p.region_id, p.park_id, s.entered_on AS signed_on,
           coalesce(p.agreed_investment, 0) AS agreed,
           p.company_uscc IS NOT NULL AND p.company_registered_on <= $3::date AS registered,
           p.company_registered_on,
           (SELECT min(e.entered_on) FROM project_stage_event e WHERE e.project_id = p.id AND e.stage BETWEEN 'started' AND 'at_capacity'
             AND e.entered_on <= $3::date AND ($4::timestamptz IS NULL OR e.recorded_at <= $4::timestamptz)) AS started_on,
           (SELECT min(e.entered_on) FROM project_stage_event e WHERE e.project_id = p.id AND e.stage BETWEEN 'in_production' AND 'at_capacity'
             AND e.entered_on <= $3::date AND ($4::timestamptz IS NULL OR e.recorded_at <= $4::timestamptz)) AS produced_on,
           (SELECT min(e.entered_on) FROM project_stage_event e WHERE e.project_id = p.id AND e.stage = 'terminated'
             AND e.entered_on <= $3::date AND ($4::timestamptz IS NULL OR e.recorded_at <= $4::timestamptz)) AS terminated_on,
           (SELECT coalesce(sum(f.amount), 0) FROM fund_arrival f WHERE f.project_id = p.id
             AND f.arrived_on <= $3::date AND ($4::timestamptz IS NULL OR f.recorded_at <= $4::timestamptz)) AS funds
    FROM ${src.project} p
    JOIN project_stage_event s ON s.project_id = p.id AND s.stage = 'signed'
    WHERE s.entered_on >= $1::date AND s.entered_on <= LEAST($2::date, $3::date)
      AND ($4::timestamptz IS NULL OR s.recorded_at <= $4::timestamptz)
  ),
  judged AS (
    SELECT c.*, (c.registered AND c.funds > 0) AS fulfilled, c.started_on IS NOT NULL AS started, c.produced_on IS NOT NULL AS producing
    FROM cohort c
  )`;

/** The grouping key of each rate view: the whole city, the introducing unit, the location region or park. */
export const RATE_GROUP_KEY = {
  CITY: 'NULL::int',
  UNIT: 'j.unit_id',
  REGION: 'j.region_id',
  PARK: 'j.park_id',
} as const;
export type RateGroupKey = keyof typeof RATE_GROUP_KEY;

/** The four rates per group (key from RATE_GROUP_KEY, never user text); projects without a region/park are left out of those views. */
export const RATES = (key: RateGroupKey, asRecorded: boolean) => `
  WITH ${COHORT(sources(asRecorded ? '$4' : null))}
  SELECT ${RATE_GROUP_KEY[key]} AS "groupId", count(*)::int AS cohort,
         count(*) FILTER (WHERE fulfilled)::int AS fulfilled, count(*) FILTER (WHERE started)::int AS started,
         count(*) FILTER (WHERE producing)::int AS producing, count(*) FILTER (WHERE terminated_on IS NOT NULL)::int AS terminated,
         round(sum(funds), 2)::float8 AS "fundsInPlace", round(sum(agreed), 2)::float8 AS agreed,
         round(count(*) FILTER (WHERE fulfilled)::numeric / count(*), 6)::float8 AS "fulfilmentRate",
         round(count(*) FILTER (WHERE started)::numeric / count(*), 6)::float8 AS "startRate",
         round(count(*) FILTER (WHERE producing)::numeric / count(*), 6)::float8 AS "productionRate",
         round(sum(funds) / NULLIF(sum(agreed), 0), 6)::float8 AS "fundsRate"
  FROM judged j
  WHERE ${key === 'CITY' ? 'true' : `${RATE_GROUP_KEY[key]} IS NOT NULL`}
  GROUP BY 1 ORDER BY 1`;

/** The cohort itself, project by project, with each rule met or missed ($5 group id; no $5 for CITY). */
export const RATE_COHORT = (key: RateGroupKey, asRecorded: boolean) => `
  WITH ${COHORT(sources(asRecorded ? '$4' : null))}
  SELECT j.id AS "projectId", j.signed_on::text AS "signedOn", j.company_registered_on::text AS "companyRegisteredOn",
         j.registered, round(j.funds, 2)::float8 AS "fundsInPlace", round(j.agreed, 2)::float8 AS agreed,
         j.started_on::text AS "startedOn", j.produced_on::text AS "producedOn", j.terminated_on::text AS "terminatedOn",
         j.fulfilled, j.started, j.producing
  FROM judged j
  WHERE ${key === 'CITY' ? 'true' : `${RATE_GROUP_KEY[key]} = $5::int`}
  ORDER BY j.signed_on, j.id`;

/**
 * Start rate month by month for year $1 as of $2 (recordedBy $3): at each month end up to as-of, the share
 * of projects signed in the year so far that had started by then.
 */
export const START_RATE_BY_MONTH = `
  WITH months AS (
    SELECT m, LEAST((make_date($1, m, 1) + interval '1 month - 1 day')::date, $2::date) AS upto
    FROM generate_series(1, 12) AS m WHERE make_date($1, m, 1) <= $2::date
  ),
  signed AS (
    SELECT s.project_id, s.entered_on FROM project_stage_event s
    WHERE s.stage = 'signed' AND s.entered_on >= make_date($1, 1, 1) AND s.entered_on <= LEAST($2::date, make_date($1, 12, 31))
      AND ($3::timestamptz IS NULL OR s.recorded_at <= $3::timestamptz)
  ),
  started AS (
    SELECT e.project_id, min(e.entered_on) AS started_on FROM project_stage_event e
    WHERE e.stage BETWEEN 'started' AND 'at_capacity' AND e.project_id IN (SELECT project_id FROM signed)
      AND ($3::timestamptz IS NULL OR e.recorded_at <= $3::timestamptz)
    GROUP BY 1
  )
  SELECT m.m AS month, m.upto::text AS "asOf", count(s.project_id)::int AS cohort,
         count(st.project_id) FILTER (WHERE st.started_on <= m.upto)::int AS started
  FROM months m
  LEFT JOIN signed s ON s.entered_on <= m.upto
  LEFT JOIN started st ON st.project_id = s.project_id
  GROUP BY m.m, m.upto ORDER BY m.m`;

/** The district/county unit of each region ($1 region ids); the lowest id when several share a region. */
export const UNIT_OF_REGIONS = `
  SELECT DISTINCT ON (region_id) id, region_id FROM assessment_unit WHERE kind = 'district' AND region_id = ANY($1::int[]) ORDER BY region_id, id`;

/** Sort orders of the project list (keys are API enum values, never user text). */
export const PROJECT_LIST_ORDER = {
  CODE: 'code ASC, id',
  NAME: 'name ASC, id',
  AGREED_DESC: 'agreed DESC NULLS LAST, id',
  FUNDS_DESC: 'funds DESC, id',
  SIGNED_DESC: 'signed_on DESC NULLS LAST, id',
  STAGE: 'stage ASC, id',
} as const;
export type ProjectListOrder = keyof typeof PROJECT_LIST_ORDER;

/**
 * The bureau's project list with the 五项制度 flags, as of $1 (China date): $2 unit, $3 region (location), $4 park,
 * $5 chain, $6 category, $7 stages, $8 overdue milestones, $9 below the park's intensity floor, $10 reminder (提醒制:
 * negotiating, no activity for the year's reminderDays), $11 elimination (淘汰制: a lead without progress for
 * eliminationDays), $12 text; $13 limit, $14 offset. Totals over the whole filtered set come with every row.
 */
export const PROJECT_LIST = (order: ProjectListOrder) => `
  WITH rule AS (
    SELECT reminder_days, elimination_days FROM assessment_rule WHERE year <= extract(year FROM $1::date)::int ORDER BY year DESC LIMIT 1
  ),
  base AS (
    SELECT p.id, p.code, p.name, p.stage, p.agreed_investment AS agreed,
           (SELECT e.entered_on FROM project_stage_event e WHERE e.project_id = p.id AND e.stage = 'signed') AS signed_on,
           (SELECT coalesce(sum(f.amount), 0) FROM fund_arrival f WHERE f.project_id = p.id AND f.arrived_on <= $1::date) AS funds,
           (SELECT max(e.entered_on) FROM project_stage_event e WHERE e.project_id = p.id) AS last_stage_on,
           GREATEST((SELECT max(e.entered_on) FROM project_stage_event e WHERE e.project_id = p.id),
                    (SELECT max(f.arrived_on) FROM fund_arrival f WHERE f.project_id = p.id),
                    (SELECT max((a.at AT TIME ZONE 'Asia/Shanghai')::date) FROM audit_log a WHERE a.entity = 'project' AND a.entity_id = p.id::text)) AS last_activity,
           EXISTS (SELECT 1 FROM project_milestone m WHERE m.project_id = p.id AND m.done_on IS NULL AND m.due_on < $1::date) AS overdue,
           EXISTS (SELECT 1 FROM park k WHERE k.id = p.park_id AND p.land_need_mu > 0 AND p.fixed_asset_investment / p.land_need_mu < k.intensity_floor) AS below_floor
    FROM project p
    WHERE ($2::int IS NULL OR p.introducing_unit_id = $2)
      AND ($3::int IS NULL OR p.region_id = $3)
      AND ($4::int IS NULL OR p.park_id = $4)
      AND ($5::int IS NULL OR p.chain_node_id IN (SELECT n.id FROM chain_node n WHERE n.chain_id = $5))
      AND ($6::text IS NULL OR p.category_code = $6)
      AND ($7::project_stage[] IS NULL OR p.stage = ANY($7::project_stage[]))
      AND ($12::text IS NULL OR p.name ILIKE '%' || $12 || '%' OR p.code ILIKE '%' || $12 || '%')
  ),
  flagged AS (
    SELECT b.*,
           (b.stage = 'negotiating' AND b.last_activity < $1::date - r.reminder_days) AS reminder,
           (b.stage = 'lead' AND b.last_stage_on < $1::date - r.elimination_days) AS elimination
    FROM base b LEFT JOIN rule r ON true
  )
  SELECT id, signed_on::text AS "signedOn", round(funds, 2)::float8 AS "fundsInPlace", last_activity::text AS "lastActivityOn",
         overdue, below_floor AS "belowFloor", coalesce(reminder, false) AS reminder, coalesce(elimination, false) AS elimination,
         count(*) OVER ()::int AS "totalCount", round(sum(agreed) OVER (), 2)::float8 AS "totalAgreed", round(sum(funds) OVER (), 2)::float8 AS "totalFunds"
  FROM flagged
  WHERE ($8::boolean IS NULL OR overdue = $8) AND ($9::boolean IS NULL OR below_floor = $9)
    AND ($10::boolean IS NULL OR coalesce(reminder, false) = $10) AND ($11::boolean IS NULL OR coalesce(elimination, false) = $11)
  ORDER BY ${PROJECT_LIST_ORDER[order]}
  LIMIT $13 OFFSET $14`;

/** The columns the list export shows for each project ($1 ids). */
export const PROJECT_EXPORT_COLUMNS = `
  SELECT p.id, p.code, p.name, u.name AS unit, c.name AS category, k.name AS park, r.name AS region, p.stage::text AS stage,
         p.agreed_investment::float8 AS agreed
  FROM project p JOIN assessment_unit u ON u.id = p.introducing_unit_id JOIN assessment_category c ON c.code = p.category_code
  LEFT JOIN park k ON k.id = p.park_id LEFT JOIN region r ON r.id = p.region_id
  WHERE p.id = ANY($1::int[])`;

/** Every assessment unit's id and name. */
export const UNIT_NAMES = `SELECT id, name FROM assessment_unit`;

/** Creates a year's assessment rule row with the defaults if it has none ($1: year). */
export const ENSURE_RULE_YEAR = `INSERT INTO assessment_rule (year) VALUES ($1) ON CONFLICT (year) DO NOTHING`;

/** Sets a year's assessment rule ($1: year, $2–$9: share, threshold, weights, day counts, $10: start-rate curve as JSON). */
export const UPDATE_RULE = `UPDATE assessment_rule SET host_share = $2, big_project_threshold = $3, weight_total = $4, weight_foreign = $5, weight_count = $6,
           reminder_days = $7, elimination_days = $8, backdate_days = $9, start_rate_curve = $10::jsonb WHERE year = $1`;

/** The code of an assessment category, if it exists ($1: category code). */
export const CATEGORY_EXISTS = `SELECT code FROM assessment_category WHERE code = $1`;

/** A category's coefficient and basis in a year, if set ($1: year, $2: category code). */
export const COEFFICIENT_OF_YEAR = `SELECT coefficient::float8 AS coefficient, basis::text AS basis FROM assessment_coefficient WHERE year = $1 AND category_code = $2`;

/** Sets a category's coefficient and basis for a year ($1: year, $2: category code, $3: coefficient, $4: basis). */
export const UPSERT_COEFFICIENT = `INSERT INTO assessment_coefficient (year, category_code, coefficient, basis) VALUES ($1, $2, $3, $4::coefficient_basis)
         ON CONFLICT (year, category_code) DO UPDATE SET coefficient = EXCLUDED.coefficient, basis = EXCLUDED.basis`;

/** The id of an assessment unit, if it exists ($1: unit id). */
export const UNIT_EXISTS = `SELECT id FROM assessment_unit WHERE id = $1`;

/** A unit's annual target in a year, if set ($1: unit id, $2: year). */
export const ANNUAL_TARGET_OF_UNIT = `SELECT total_amount::float8 AS "totalAmount", foreign_amount::float8 AS "foreignAmount", big_project_count AS "bigProjectCount" FROM annual_target WHERE unit_id = $1 AND year = $2`;

/** Sets a unit's annual target for a year ($1: unit id, $2: year, $3: total, $4: foreign, $5: big project count). */
export const UPSERT_ANNUAL_TARGET = `INSERT INTO annual_target (unit_id, year, total_amount, foreign_amount, big_project_count) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (unit_id, year) DO UPDATE SET total_amount = EXCLUDED.total_amount, foreign_amount = EXCLUDED.foreign_amount, big_project_count = EXCLUDED.big_project_count`;

/** The id of a region, if it exists ($1: region id). */
export const REGION_EXISTS = `SELECT id FROM region WHERE id = $1`;

/** Another assessment unit with the same code or name ($1: code, $2: name, $3: the unit's own id or null). */
export const UNIT_CLASH = `SELECT id FROM assessment_unit WHERE (code = $1 OR name = $2) AND id IS DISTINCT FROM $3`;

/** An assessment unit's editable fields, as recorded in the audit log ($1: unit id). */
export const UNIT_AUDIT_ROW = `SELECT code, name, kind::text AS kind, region_id AS "regionId" FROM assessment_unit WHERE id = $1`;

/** Edits an assessment unit ($1: id, $2: code, $3: name, $4: kind, $5: region id). */
export const UPDATE_UNIT = `UPDATE assessment_unit SET code = $2, name = $3, kind = $4::unit_kind, region_id = $5 WHERE id = $1`;

/** Creates an assessment unit and returns its id ($1: code, $2: name, $3: kind, $4: region id). */
export const INSERT_UNIT = `INSERT INTO assessment_unit (code, name, kind, region_id) VALUES ($1, $2, $3::unit_kind, $4) RETURNING id`;
