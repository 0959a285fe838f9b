// SQL of the recruitment module: candidate facts, mapping suggestions, the pipeline and 提醒制 / 淘汰制.

/** Every weight of the candidate score. */
export const CANDIDATE_WEIGHTS = `SELECT factor, weight::float8 AS weight, description FROM candidate_weight ORDER BY factor`;

/**
 * Scoring facts of the outside enterprises that could fill each node ($1: node ids). The pool is every outside
 * enterprise mapped to the node, in its industry group (letter + 2 digits) or with a node keyword in its name.
 * links = distinct local partners (supplier or customer, 以商引商) mapped to a node of the same chain;
 * dropped / open = the enterprise already is a dropped / an open target on the same chain.
 */
export const CANDIDATE_FACTS = `
  WITH nodes AS (SELECT id, chain_id, industry_code, keywords FROM chain_node WHERE id = ANY($1::int[])),
  pool AS (
    SELECT n.id AS node_id, n.chain_id, e.id AS enterprise_id, e.name, e.industry_code, e.revenue::float8 AS revenue, e.tags, e.source_region,
           EXISTS (SELECT 1 FROM enterprise_chain_node x WHERE x.enterprise_id = e.id AND x.chain_node_id = n.id) AS mapped
    FROM nodes n
    JOIN enterprise e ON NOT e.is_local AND (
         EXISTS (SELECT 1 FROM enterprise_chain_node x WHERE x.enterprise_id = e.id AND x.chain_node_id = n.id)
      OR (n.industry_code IS NOT NULL AND left(e.industry_code, 3) = left(n.industry_code, 3))
      OR EXISTS (SELECT 1 FROM unnest(n.keywords) k WHERE k <> '' AND strpos(e.name, k) > 0))
  )
  SELECT p.*,
    (SELECT count(DISTINCT le.id)::int
       FROM enterprise_relation r
       JOIN enterprise le ON le.is_local AND le.id = CASE WHEN r.supplier_id = p.enterprise_id THEN r.customer_id ELSE r.supplier_id END
      WHERE (r.supplier_id = p.enterprise_id OR r.customer_id = p.enterprise_id)
        AND EXISTS (SELECT 1 FROM enterprise_chain_node lx JOIN chain_node ln ON ln.id = lx.chain_node_id
                    WHERE lx.enterprise_id = le.id AND ln.chain_id = p.chain_id)) AS links,
    EXISTS (SELECT 1 FROM target_enterprise t JOIN chain_node tn ON tn.id = t.chain_node_id
            WHERE t.enterprise_id = p.enterprise_id AND tn.chain_id = p.chain_id AND t.status = 'dropped') AS dropped,
    EXISTS (SELECT 1 FROM target_enterprise t JOIN chain_node tn ON tn.id = t.chain_node_id
            WHERE t.enterprise_id = p.enterprise_id AND tn.chain_id = p.chain_id AND t.status <> 'dropped') AS open,
    (SELECT t.id FROM target_enterprise t WHERE t.enterprise_id = p.enterprise_id AND t.chain_node_id = p.node_id) AS target_id
  FROM pool p`;

/** The nodes the candidate score needs to know ($1: node ids). */
export const NODE_FACTS = `SELECT id, chain_id, industry_code, keywords FROM chain_node WHERE id = ANY($1::int[])`;

/**
 * Suggested firm-to-node mappings on a chain ($1: chain id, $2: limit): local enterprises on no node of the
 * chain whose industry class equals a node's, or whose name holds a node keyword; rejected pairs are left out.
 */
export const MAPPING_SUGGESTIONS = `
  SELECT n.id AS node_id, e.id AS enterprise_id, (e.industry_code = n.industry_code) AS by_industry, n.industry_code,
         (SELECT k FROM unnest(n.keywords) k WHERE k <> '' AND strpos(e.name, k) > 0 LIMIT 1) AS keyword
  FROM chain_node n
  JOIN enterprise e ON e.is_local AND (e.industry_code = n.industry_code OR EXISTS (SELECT 1 FROM unnest(n.keywords) k WHERE k <> '' AND strpos(e.name, k) > 0))
  WHERE n.chain_id = $1
    AND NOT EXISTS (SELECT 1 FROM enterprise_chain_node x JOIN chain_node xn ON xn.id = x.chain_node_id WHERE x.enterprise_id = e.id AND xn.chain_id = n.chain_id)
    AND NOT EXISTS (SELECT 1 FROM node_mapping_rejection r WHERE r.enterprise_id = e.id AND r.chain_node_id = n.id)
  ORDER BY (e.industry_code = n.industry_code) DESC, e.id, n.segment, n.sort_order, n.id
  LIMIT $2`;

/** A node with its chain ($1: node id). */
export const NODE_CHAIN = `SELECT id, chain_id FROM chain_node WHERE id = $1`;

/** A target locked for a pipeline write, with its chain, current status and latest status date ($1: target id). */
export const LOCK_TARGET = `
  SELECT t.id, t.enterprise_id, t.chain_node_id, t.status, t.created_on::text AS created_on, n.chain_id,
         (SELECT max(e.entered_on)::text FROM target_status_event e WHERE e.target_id = t.id) AS last_status_on,
         (SELECT p.id FROM project p WHERE p.target_enterprise_id = t.id LIMIT 1) AS project_id
  FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id
  WHERE t.id = $1 FOR UPDATE OF t`;

/** The status history of targets ($1: target ids), oldest first. */
export const STATUS_EVENTS = `
  SELECT id, target_id, status, entered_on::text AS entered_on, reason FROM target_status_event
  WHERE target_id = ANY($1::int[]) ORDER BY target_id, entered_on, status`;

/** The project a target was converted into ($1: target ids). */
export const PROJECT_OF_TARGET = `SELECT target_enterprise_id AS target_id, min(id) AS id FROM project WHERE target_enterprise_id = ANY($1::int[]) GROUP BY 1`;

/** A new project from a target, as a lead, its id taken from the sequence first ($1 id … $10). */
export const INSERT_PROJECT_FROM_TARGET = `
  INSERT INTO project (id, code, name, introducing_unit_id, category_code, stage, investor_id, chain_node_id, target_enterprise_id, park_id, agreed_investment)
  VALUES ($1, $2, $3, $4, $5, $6::project_stage, $7, $8, $9, $10, $11)`;

/** Put a project with a park but no point on a point inside the park, and take the park's region. */
export const PLACE_PROJECT_IN_PARK = `
  UPDATE project p SET location = ST_PointOnSurface(k.boundary), region_id = k.region_id
  FROM park k WHERE p.id = $1 AND k.id = p.park_id AND p.location IS NULL`;

/** The pipeline rules: 提醒制 and 淘汰制 day counts. */
export const PIPELINE_RULES = `SELECT key, days, description FROM pipeline_rule ORDER BY key`;

/**
 * 提醒制 / 淘汰制 as of a date ($1 as-of, $2 reminder days N, $3 elimination days M, $4 chain ids or null = all).
 * Everything is read as it stood on $1: status and stage are the latest entered on or before $1, and only
 * activity up to $1 counts. Reminder: an open target (线索…洽谈) or a 在谈 project idle ≥ N days since its last
 * activity (a target's creation counts; a project's last stage event or its target's activity counts).
 * Elimination: a 线索 target or lead project with no status/stage move for ≥ M days.
 */
export const PIPELINE_FLAGS = `
  WITH t AS (
    SELECT t.id, n.chain_id, t.chain_node_id,
           coalesce((SELECT max(e.status) FROM target_status_event e WHERE e.target_id = t.id AND e.entered_on <= $1::date), 'lead') AS status,
           coalesce((SELECT max(e.entered_on) FROM target_status_event e WHERE e.target_id = t.id AND e.entered_on <= $1::date), t.created_on) AS progress_on,
           greatest(t.created_on, (SELECT max(a.occurred_on) FROM target_activity a WHERE a.target_id = t.id AND a.occurred_on <= $1::date)) AS activity_on
    FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id
    WHERE t.created_on <= $1::date AND ($4::int[] IS NULL OR n.chain_id = ANY($4::int[]))
  ), p AS (
    SELECT p.id, p.chain_node_id,
           (SELECT max(e.stage) FROM project_stage_event e WHERE e.project_id = p.id AND e.entered_on <= $1::date) AS stage,
           (SELECT max(e.entered_on) FROM project_stage_event e WHERE e.project_id = p.id AND e.entered_on <= $1::date) AS progress_on,
           (SELECT max(a.occurred_on) FROM target_activity a WHERE a.target_id = p.target_enterprise_id AND a.occurred_on <= $1::date) AS target_activity_on
    FROM project p
    WHERE $4::int[] IS NULL OR EXISTS (SELECT 1 FROM chain_node n WHERE n.id = p.chain_node_id AND n.chain_id = ANY($4::int[]))
  )
  SELECT 'reminder' AS flag, 'target' AS kind, id, status::text AS status, activity_on::text AS since, ($1::date - activity_on) AS idle_days FROM t
   WHERE status IN ('lead', 'contacted', 'site_visit', 'negotiating') AND $1::date - activity_on >= $2
  UNION ALL
  SELECT 'elimination', 'target', id, status::text, progress_on::text, ($1::date - progress_on) FROM t
   WHERE status = 'lead' AND $1::date - progress_on >= $3
  UNION ALL
  SELECT 'reminder', 'project', id, stage::text, greatest(progress_on, target_activity_on)::text, ($1::date - greatest(progress_on, target_activity_on)) FROM p
   WHERE stage = 'negotiating' AND $1::date - greatest(progress_on, target_activity_on) >= $2
  UNION ALL
  SELECT 'elimination', 'project', id, stage::text, progress_on::text, ($1::date - progress_on) FROM p
   WHERE stage = 'lead' AND $1::date - progress_on >= $3
  ORDER BY 1, 6 DESC, 2, 3`;

/** Visits (拜访 and 来访考察) in the month of $1 up to $1, on chains $2. */
export const VISITS_IN_MONTH = `
  SELECT count(*)::int AS n FROM target_activity a
  JOIN target_enterprise t ON t.id = a.target_id JOIN chain_node n ON n.id = t.chain_node_id
  WHERE a.kind IN ('visit', 'inspection') AND a.occurred_on BETWEEN date_trunc('month', $1::date)::date AND $1::date
    AND n.chain_id = ANY($2::int[])`;

/** Targets on chains $1, overdue first (next action due before $2; no due date is not overdue, not NULL-first), then by due date. */
export const WORKSPACE_TARGETS = `
  SELECT t.id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id
  WHERE n.chain_id = ANY($1::int[])
  ORDER BY coalesce(t.next_action_due < $2::date AND t.status NOT IN ('signed', 'dropped'), false) DESC, t.status = 'dropped', t.next_action_due NULLS LAST, t.id`;

/** Signed-or-later projects out of chains $1 (not terminated), newest first. */
export const WORKSPACE_PROJECTS = `
  SELECT p.id FROM project p JOIN chain_node n ON n.id = p.chain_node_id
  WHERE n.chain_id = ANY($1::int[]) AND p.stage IN ('signed', 'started', 'completed', 'in_production', 'at_capacity')
  ORDER BY p.id DESC`;

/**
 * Where targets would come to, as CTEs over a CTE `t` (id, chain_node_id, chain_id) defined before them: `proj` (the
 * project's point once converted), `node_c` (centroid of the local enterprises on the node), `chain_c` (on the chain).
 */
const DESTINATION_CTES = `node_c AS (
    SELECT x.chain_node_id AS id, ST_Centroid(ST_Collect(e.location)) AS c
    FROM enterprise_chain_node x JOIN enterprise e ON e.id = x.enterprise_id AND e.is_local
    WHERE x.chain_node_id IN (SELECT chain_node_id FROM t) GROUP BY 1),
  chain_c AS (
    SELECT n.chain_id AS id, ST_Centroid(ST_Collect(e.location)) AS c
    FROM chain_node n JOIN enterprise_chain_node x ON x.chain_node_id = n.id JOIN enterprise e ON e.id = x.enterprise_id AND e.is_local
    WHERE n.chain_id IN (SELECT chain_id FROM t) GROUP BY 1),
  proj AS (
    SELECT DISTINCT ON (p.target_enterprise_id) p.target_enterprise_id AS id, p.location
    FROM project p WHERE p.target_enterprise_id IN (SELECT id FROM t) AND p.location IS NOT NULL
    ORDER BY p.target_enterprise_id, p.id)`;

/**
 * Where each target would come to ($1: target ids), as GeoJSON: its project's point once converted, else the
 * centroid of the local enterprises on its node (the node cluster), else of those on its chain. Centroids are
 * computed once per node and per chain, not per target.
 */
export const TARGET_DESTINATIONS = `
  WITH t AS (SELECT t.id, t.chain_node_id, n.chain_id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE t.id = ANY($1::int[])),
  ${DESTINATION_CTES}
  SELECT t.id AS target_id, ST_AsGeoJSON(coalesce(proj.location, node_c.c, chain_c.c), 6)::json AS geom
  FROM t LEFT JOIN proj ON proj.id = t.id LEFT JOIN node_c ON node_c.id = t.chain_node_id LEFT JOIN chain_c ON chain_c.id = t.chain_id`;

/** Signed, and started-or-later, projects per chain, of the chains whose nodes `n` match `where` (no row: none). */
export const PROJECT_COUNTS_OF_CHAINS = (where: string) => `
  SELECT n.chain_id, count(*) FILTER (WHERE p.stage = 'signed')::int AS signed,
         count(*) FILTER (WHERE p.stage IN ('started', 'completed', 'in_production', 'at_capacity'))::int AS started
  FROM project p JOIN chain_node n ON n.id = p.chain_node_id
  WHERE ${where} GROUP BY n.chain_id`;

/** Signed, and started-or-later, projects per chain ($1: chain ids). */
export const CHAIN_PROJECT_COUNTS = PROJECT_COUNTS_OF_CHAINS('n.chain_id = ANY($1::int[])');

/** One of a chain's project counts (`count`: signed or started) as a number, 0 when it has none (a compiled chain page). */
export const CHAIN_PROJECT_COUNT = (chain: string, count: 'signed' | 'started') =>
  `coalesce((SELECT s.${count} FROM (${PROJECT_COUNTS_OF_CHAINS(`n.chain_id = ${chain}`)}) s), 0)`;

/** The latest activity date of each target ($1: target ids). */
export const LAST_ACTIVITY = `SELECT target_id, max(occurred_on)::text AS on FROM target_activity WHERE target_id = ANY($1::int[]) GROUP BY target_id`;

/** Every chain id, for callers who see all chains. */
export const ALL_CHAIN_IDS = `SELECT id FROM chain ORDER BY id`;

/**
 * The workspace board's targets before the status filter, as plain rows ($1 chain ids, $2 as-of, $3 node id or null,
 * $4 owner as shown — the official's name, else the 招商小分队 — or null, $5 overdue true/false or null).
 * Overdue: an open target whose next action was due before $2 (no due date is never overdue).
 */
const BOARD_TARGETS = `
  WITH b AS (
    SELECT t.id, t.enterprise_id, t.chain_node_id, n.chain_id, t.status, t.owner_team, t.owner_official_id, t.next_action,
           t.next_action_due, t.created_on,
           coalesce(t.next_action_due < $2::date AND t.status NOT IN ('signed', 'dropped'), false) AS overdue
    FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id LEFT JOIN official o ON o.id = t.owner_official_id
    WHERE n.chain_id = ANY($1::int[])
      AND ($3::int IS NULL OR t.chain_node_id = $3::int)
      AND ($4::text IS NULL OR coalesce(o.name, t.owner_team) = $4::text)
      AND ($5::boolean IS NULL OR coalesce(t.next_action_due < $2::date AND t.status NOT IN ('signed', 'dropped'), false) = $5::boolean))`;

/** One page of the board (BOARD_TARGETS, $6 status or null, $7 limit, $8 offset): overdue first, then due date, dropped last. */
export const BOARD_PAGE = `${BOARD_TARGETS}
  SELECT id, enterprise_id, chain_node_id, chain_id, status, owner_team, owner_official_id, next_action,
         next_action_due::text AS next_action_due, created_on::text AS created_on
  FROM b WHERE $6::target_status IS NULL OR status = $6::target_status
  ORDER BY overdue DESC, status = 'dropped', next_action_due NULLS LAST, id
  LIMIT $7 OFFSET $8`;

/** Counts of the board per status (BOARD_TARGETS), with the overdue ones, in pipeline order. */
export const BOARD_COUNTS = `${BOARD_TARGETS}
  SELECT status, count(*)::int AS n, count(*) FILTER (WHERE overdue)::int AS overdue FROM b GROUP BY status ORDER BY status`;

/** The owners as the board shows them (official's name, else team), for the owner filter ($1 chain ids). */
export const BOARD_OWNERS = `
  SELECT DISTINCT coalesce(o.name, t.owner_team) AS owner
  FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id LEFT JOIN official o ON o.id = t.owner_official_id
  WHERE n.chain_id = ANY($1::int[]) AND coalesce(o.name, t.owner_team) IS NOT NULL
  ORDER BY 1`;

/** Targets per status (column `n`) on each chain whose nodes `n` match `where`. */
export const TARGET_COUNTS_OF_CHAINS = (where: string) => `
  SELECT n.chain_id, t.status, count(*)::int AS n
  FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id
  WHERE ${where} GROUP BY n.chain_id, t.status`;

/** Targets per status on each chain ($1 chain ids). */
export const CHAIN_TARGET_COUNTS = `${TARGET_COUNTS_OF_CHAINS('n.chain_id = ANY($1::int[])')} ORDER BY n.chain_id, t.status`;

/**
 * May the caller (`caller`, the relation of a compiled read: id, role, chain_ids) write the pipeline of chain `chain`?
 * canWriteChain (recruitment.resolver.ts) in SQL: admin and bureau on every chain, a chain leader on the chains they lead.
 */
export const CAN_WRITE_CHAIN = (chain: string, caller: string) =>
  `EXISTS (SELECT 1 FROM ${caller} u WHERE u.role IN ('admin', 'bureau') OR (u.role = 'chain_leader' AND ${chain} = ANY(u.chain_ids)))`;

/** Signed-or-later projects out of chains $1 (not terminated): count, Σ agreed, Σ funds arrived up to $2. */
export const WORKSPACE_PROJECT_TOTALS = `
  SELECT count(*)::int AS n, coalesce(sum(p.agreed_investment), 0)::float8 AS agreed,
         coalesce(sum((SELECT sum(f.amount) FROM fund_arrival f WHERE f.project_id = p.id AND f.arrived_on <= $2::date)), 0)::float8 AS funds
  FROM project p JOIN chain_node n ON n.id = p.chain_node_id
  WHERE n.chain_id = ANY($1::int[]) AND p.stage IN ('signed', 'started', 'completed', 'in_production', 'at_capacity')`;

/** One page of WORKSPACE_PROJECTS ($2 limit, $3 offset). */
export const WORKSPACE_PROJECT_PAGE = `${WORKSPACE_PROJECTS} LIMIT $2 OFFSET $3`;

/**
 * The China-scale map of open targets on chains $1: one row per home city (centroid of the targets' locations,
 * count) with where they would come to (as TARGET_DESTINATIONS: project, else node cluster, else chain cluster).
 */
export const PIPELINE_MAP = `
  WITH t AS (
    SELECT t.id, t.chain_node_id, n.chain_id, e.city, e.location
    FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id JOIN enterprise e ON e.id = t.enterprise_id
    WHERE n.chain_id = ANY($1::int[]) AND t.status <> 'dropped' AND e.location IS NOT NULL),
  ${DESTINATION_CTES},
  d AS (
    SELECT t.city, ST_AsGeoJSON(coalesce(proj.location, node_c.c, chain_c.c), 6) AS dest
    FROM t LEFT JOIN proj ON proj.id = t.id LEFT JOIN node_c ON node_c.id = t.chain_node_id LEFT JOIN chain_c ON chain_c.id = t.chain_id),
  -- Destinations counted for every city in one pass (a subquery per city re-ran the destination joins for each).
  to_city AS (
    SELECT x.city, json_agg(json_build_object('to', x.dest::json, 'count', x.n) ORDER BY x.n DESC, x.dest) AS destinations
    FROM (SELECT city, dest, count(*)::int AS n FROM d WHERE dest IS NOT NULL GROUP BY city, dest) x GROUP BY x.city),
  c AS (SELECT city, ST_AsGeoJSON(ST_Centroid(ST_Collect(location)), 6)::json AS location, count(*)::int AS n FROM t GROUP BY city)
  SELECT c.city, c.location, c.n, coalesce(to_city.destinations, '[]'::json) AS destinations
  FROM c LEFT JOIN to_city ON to_city.city = c.city ORDER BY c.n DESC, c.city`;

/** An enterprise and whether it is local ($1: enterprise id). */
export const ENTERPRISE_LOCALITY = 'SELECT id, is_local FROM enterprise WHERE id = $1';

/** Whether an enterprise is already mapped to a chain node ($1: enterprise id, $2: node id). */
export const MAPPING_EXISTS = 'SELECT 1 FROM enterprise_chain_node WHERE enterprise_id = $1 AND chain_node_id = $2';

/** Maps an enterprise to a chain node ($1: enterprise id, $2: node id, $3: output or null). */
export const INSERT_MAPPING = 'INSERT INTO enterprise_chain_node (enterprise_id, chain_node_id, output) VALUES ($1, $2, $3)';

/** Clears an earlier rejection of an enterprise–node mapping ($1: enterprise id, $2: node id). */
export const DELETE_MAPPING_REJECTION = 'DELETE FROM node_mapping_rejection WHERE enterprise_id = $1 AND chain_node_id = $2';

/** Whether an enterprise–node mapping is already rejected ($1: enterprise id, $2: node id). */
export const MAPPING_REJECTION_EXISTS = 'SELECT 1 FROM node_mapping_rejection WHERE enterprise_id = $1 AND chain_node_id = $2';

/** Records a rejected enterprise–node mapping ($1: enterprise id, $2: node id, $3: reason, $4: rejecting user id). */
export const INSERT_MAPPING_REJECTION = 'INSERT INTO node_mapping_rejection (enterprise_id, chain_node_id, reason, rejected_by) VALUES ($1, $2, $3, $4)';

/** The id of an enterprise, if it exists ($1: enterprise id). */
export const ENTERPRISE_EXISTS = 'SELECT id FROM enterprise WHERE id = $1';

/** The id of an official, if it exists ($1: official id). */
export const OFFICIAL_EXISTS = 'SELECT id FROM official WHERE id = $1';

/** The target of an enterprise on a chain node, if any ($1: enterprise id, $2: node id). */
export const TARGET_OF_ENTERPRISE_NODE = 'SELECT id FROM target_enterprise WHERE enterprise_id = $1 AND chain_node_id = $2';

/** A new target's first status event ($1: target id, $2: status, $3: date, $4: actor id). */
export const INSERT_FIRST_TARGET_STATUS = 'INSERT INTO target_status_event (target_id, status, entered_on, actor_id) VALUES ($1, $2, $3, $4)';

/** A target's move to a status ($1: target id, $2: status, $3: date, $4: reason or null, $5: actor id). */
export const INSERT_TARGET_STATUS_EVENT = 'INSERT INTO target_status_event (target_id, status, entered_on, reason, actor_id) VALUES ($1, $2, $3, $4, $5)';

/** The id of an assessment unit, if it exists ($1: unit id). */
export const ASSESSMENT_UNIT_EXISTS = 'SELECT id FROM assessment_unit WHERE id = $1';

/** Every assessment category code, in code order. */
export const ASSESSMENT_CATEGORY_CODES = 'SELECT code FROM assessment_category ORDER BY code';

/** The id of a park, if it exists ($1: park id). */
export const PARK_EXISTS = 'SELECT id FROM park WHERE id = $1';

/** The enterprise and chain node names a project converted from a target is named after ($1: enterprise id, $2: node id). */
export const TARGET_NAMES = 'SELECT e.name AS enterprise, n.name AS node FROM enterprise e, chain_node n WHERE e.id = $1 AND n.id = $2';

/** Every status event of a target with its date as text ($1: target id). */
export const TARGET_STATUS_DATES = 'SELECT status, entered_on::text AS entered_on FROM target_status_event WHERE target_id = $1';

/** Draws the next project id from the project id sequence (the project code is built from it). */
export const NEXT_PROJECT_ID = `SELECT nextval(pg_get_serial_sequence('project', 'id'))::int AS id`;

/** A project's entry into a stage ($1: project id, $2: stage, $3: date, $4: actor id). */
export const INSERT_PROJECT_STAGE_EVENT = 'INSERT INTO project_stage_event (project_id, stage, entered_on, actor_id) VALUES ($1, $2, $3, $4)';

/** The columns of a project recorded in the audit log when a target becomes one ($1: project id). */
export const PROJECT_AUDIT_ROW = 'SELECT id, code, name, stage, investor_id, chain_node_id, target_enterprise_id, introducing_unit_id, park_id, agreed_investment FROM project WHERE id = $1';
