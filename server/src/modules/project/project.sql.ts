/** The project's current stage and the date of its latest stage event, locked for a stage move. */
export const LOCK_PROJECT_WITH_LAST_EVENT = `
  SELECT p.id, p.stage, p.introducing_unit_id,
         (SELECT cn.chain_id FROM chain_node cn WHERE cn.id = p.chain_node_id) AS chain_id,
         (SELECT max(e.entered_on)::text FROM project_stage_event e WHERE e.project_id = p.id) AS last_date,
         (SELECT e.entered_on::text FROM project_stage_event e WHERE e.project_id = p.id AND e.stage = 'signed') AS signed_on
  FROM project p WHERE p.id = $1 FOR UPDATE`;

/** The most specific region containing a point given as GeoJSON text. */
export const REGION_OF_POINT = `
  SELECT r.id FROM region r
  WHERE r.boundary && ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AND ST_Covers(r.boundary, ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))
  ORDER BY ST_Area(r.boundary) LIMIT 1`;

/** A park's region, for projects placed by park without a point. */
export const REGION_OF_PARK = `SELECT region_id AS id FROM park WHERE id = $1`;

/** Funds in place per project ($1: project ids), optionally up to an as-of date ($2, null = all). */
export const FUNDS_IN_PLACE = `
  SELECT f.project_id, sum(f.amount) AS amount, sum(f.foreign_amount) AS foreign_amount
  FROM fund_arrival f
  WHERE f.project_id = ANY($1::int[]) AND ($2::date IS NULL OR f.arrived_on <= $2::date)
  GROUP BY f.project_id`;

/** The investment-intensity floor of each project's park ($1: park ids). */
export const PARK_FLOORS = `SELECT id, intensity_floor FROM park WHERE id = ANY($1::int[])`;

/** Ids that exist in a table, to name the missing ones in an error. */
export const EXISTING_IDS = (table: string) => `SELECT id FROM ${table} WHERE id = ANY($1::int[])`;

/** Membership SQL for paginated reverse relations: (parent, project id) pairs for parents in $1. */
export const PROJECTS_OF_PARK = `SELECT p.park_id AS parent, p.id FROM project p WHERE p.park_id = ANY($1::int[])`;
export const PROJECTS_OF_INVESTOR = `SELECT p.investor_id AS parent, p.id FROM project p WHERE p.investor_id = ANY($1::int[])`;
export const PROJECTS_OF_UNIT = `SELECT p.introducing_unit_id AS parent, p.id FROM project p WHERE p.introducing_unit_id = ANY($1::int[])`;
export const PROJECTS_OF_CHAIN_NODE = `SELECT p.chain_node_id AS parent, p.id FROM project p WHERE p.chain_node_id = ANY($1::int[])`;

/** A new project row as a lead, with an id taken from the sequence beforehand; other columns follow in an update. */
export const INSERT_PROJECT = `
  INSERT INTO project (id, code, name, introducing_unit_id, category_code, stage) VALUES ($1, $2, $3, $4, $5, 'lead')`;

/** A project with a park but no point is placed on a point inside the park (ST_PointOnSurface), so the map can show it. */
export const PLACE_IN_PARK_IF_UNLOCATED = `
  UPDATE project p SET location = ST_PointOnSurface(k.boundary)
  FROM park k WHERE p.id = $1 AND k.id = p.park_id AND p.location IS NULL`;

/** A fund arrival already proven by this voucher number ($1); the unique index fund_arrival_evidence_ref_key holds it under concurrency. */
export const VOUCHER_IN_USE = `SELECT id FROM fund_arrival WHERE evidence_ref = $1`;

/** The chain a target enterprise belongs to, through its chain node ($1: target id). */
export const CHAIN_OF_TARGET_ID = `SELECT n.chain_id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE t.id = $1`;

/** The next project id from its sequence, taken before the insert so the default code can use it. */
export const NEXT_PROJECT_ID = `SELECT nextval(pg_get_serial_sequence('project', 'id'))::int AS id`;

/** Every assessment category code. */
export const CATEGORY_CODES = 'SELECT code FROM assessment_category ORDER BY code';

/** The chain of a chain node ($1: node id). */
export const CHAIN_OF_NODE = 'SELECT chain_id FROM chain_node WHERE id = $1';

/** Filter: the project's chain node belongs to the chain ($n: chain id). */
export const PROJECT_IN_CHAIN = (chain: string) => `t.chain_node_id IN (SELECT id FROM chain_node WHERE chain_id = ${chain})`;

/** Filter: the project was signed between two dates, either end open ($n: from, $m: to, each a date or null). */
export const PROJECT_SIGNED_BETWEEN = (from: string, to: string) => `EXISTS (SELECT 1 FROM project_stage_event e WHERE e.project_id = t.id AND e.stage = 'signed'
  AND (${from}::date IS NULL OR e.entered_on >= ${from}::date) AND (${to}::date IS NULL OR e.entered_on <= ${to}::date))`;

/** Filter: the project's investment intensity (fixed assets ÷ land need) is under its park's floor. */
export const PROJECT_BELOW_FLOOR = `EXISTS (SELECT 1 FROM park pk WHERE pk.id = t.park_id AND t.land_need_mu > 0
  AND t.fixed_asset_investment / t.land_need_mu < pk.intensity_floor)`;

/** Rows (alias `t`) belonging to the projects in $1 (int[]): stage events, fund arrivals, milestones. */
export const OF_PROJECTS = 't.project_id = ANY($1::int[])';

// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** Projects by id. */
export const PROJECT_ID_IN = (p: string) => `t.id = ANY(${p}::int[])`;
/** Stage is one of the given. */
export const PROJECT_STAGE_IN = (p: string) => `t.stage = ANY(${p}::project_stage[])`;
/** Introduced by one unit. */
export const PROJECT_BY_UNIT = (p: string) => `t.introducing_unit_id = ${p}`;
/** In one park. */
export const PROJECT_IN_PARK = (p: string) => `t.park_id = ${p}`;
/** On one chain node. */
export const PROJECT_ON_NODE = (p: string) => `t.chain_node_id = ${p}`;
/** By one investor. */
export const PROJECT_BY_INVESTOR = (p: string) => `t.investor_id = ${p}`;
/** Category is one of the given. */
export const PROJECT_CATEGORY_IN = (p: string) => `t.category_code = ANY(${p}::text[])`;
/** Agreed investment of at least the given 万元. */
export const PROJECT_AGREED_AT_LEAST = (p: string) => `t.agreed_investment >= ${p}`;

/** 投资强度 of the project row `p` as Project.investmentIntensity computes it: fixed assets ÷ land need, null when either is unknown or the need is 0. */
export const INVESTMENT_INTENSITY = (p: string) =>
  `CASE WHEN ${p}.fixed_asset_investment IS NOT NULL AND ${p}.land_need_mu <> 0 THEN ${p}.fixed_asset_investment::float8 / ${p}.land_need_mu::float8 END`;
