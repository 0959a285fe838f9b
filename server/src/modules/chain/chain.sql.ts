// SQL of the chain module: the enterprise_chain_node mapping and the gap analysis built on it.
// Only local enterprises count toward a node's strength; outside ones are candidates, not presence.

/**
 * Gap status of a chain node `g` (a CHAIN_NODE_GAPS row: chain_node's columns and its local presence), DOMAIN.md
 * "Chain gap analysis", as NodeStatus spells it. The exact rule, in order:
 * 1. in_local_plan = false → extend (延链), whatever exists locally;
 * 2. no local enterprise mapped (count 0) → missing;
 * 3. strong when every benchmark that is set is met: count ≥ benchmark_count and, when benchmark_output is set,
 *    output ≥ benchmark_output (compared as float8; a node with no benchmark is strong once present);
 * 4. otherwise weak (present, but short of a benchmark).
 */
const NODE_STATUS = (g: string) => `
  CASE WHEN NOT ${g}.in_local_plan THEN 'extend'
       WHEN ${g}.local_count = 0 THEN 'missing'
       WHEN (${g}.benchmark_count IS NULL OR ${g}.local_count >= ${g}.benchmark_count)
        AND (${g}.benchmark_output IS NULL OR ${g}.local_output >= ${g}.benchmark_output::float8) THEN 'strong'
       ELSE 'weak' END`;

/** What to do about node `g`, as GapAction spells it: 补链 fill when missing (建链 build when the whole chain is absent locally), 强链 for weak, 延链 beyond the plan. */
const GAP_ACTION = (g: string) => `
  CASE ${NODE_STATUS(g)} WHEN 'extend' THEN 'extend'
       WHEN 'missing' THEN CASE WHEN ${g}.chain_present THEN 'fill' ELSE 'build' END
       WHEN 'weak' THEN 'strengthen'
       ELSE 'none' END`;

/**
 * The gap analysis of every node of the chains whose nodes `n` match `where`, as a relation: chain_node's columns, the
 * number of local enterprises mapped and the output they attribute to the node (null outputs count as 0), whether the
 * node's chain has any local enterprise on a planned node at all (if not, a missing node means 建链 rather than 补链),
 * and the node's `status` and `gap_action` (NODE_STATUS, GAP_ACTION). Only local enterprises count toward presence.
 * The one definition the loaders (NODES_OF_CHAINS, CHAIN_NODE_LOCAL_STATS) and the compiled chain page (chain.projection.ts) read.
 */
export const CHAIN_NODE_GAPS = (where: string) => `
  (SELECT g.*, ${NODE_STATUS('g')} AS status, ${GAP_ACTION('g')} AS gap_action
   FROM (SELECT n.*, count(e.id)::int AS local_count,
                coalesce(sum(x.output) FILTER (WHERE e.id IS NOT NULL), 0)::float8 AS local_output,
                bool_or(count(e.id) > 0 AND n.in_local_plan) OVER (PARTITION BY n.chain_id) AS chain_present
         FROM chain_node n
         LEFT JOIN enterprise_chain_node x ON x.chain_node_id = n.id
         LEFT JOIN enterprise e ON e.id = x.enterprise_id AND e.is_local
         WHERE ${where}
         GROUP BY n.id) g)`;

/**
 * The gap rule alone, on given figures ($1 in_local_plan, $2 benchmark_count, $3 benchmark_output, $4 local_count,
 * $5 local_output, $6 chain_present): status and gap_action, for the rule's own test.
 */
export const GAP_RULE_ON_FIGURES = `
  SELECT ${NODE_STATUS('g')} AS status, ${GAP_ACTION('g')} AS gap_action
  FROM (SELECT $1::boolean AS in_local_plan, $2::int AS benchmark_count, $3::numeric AS benchmark_output,
               $4::int AS local_count, $5::float8 AS local_output, $6::boolean AS chain_present) g`;

/** The local presence and gap analysis of chain nodes ($1: node ids), from their whole chains (CHAIN_NODE_GAPS). */
export const CHAIN_NODE_LOCAL_STATS = `
  SELECT g.id AS node_id, g.local_count, g.local_output, g.chain_present, g.status, g.gap_action
  FROM ${CHAIN_NODE_GAPS('n.chain_id IN (SELECT m.chain_id FROM chain_node m WHERE m.id = ANY($1::int[]))')} g
  WHERE g.id = ANY($1::int[])`;

/** Local enterprises mapped to chain nodes ($1: node ids), as (parent, id) pairs for childPageLoader. */
export const NODE_LOCAL_ENTERPRISES = `
  SELECT x.chain_node_id AS parent, e.id
  FROM enterprise_chain_node x JOIN enterprise e ON e.id = x.enterprise_id
  WHERE x.chain_node_id = ANY($1::int[]) AND e.is_local`;

/** The chain nodes each enterprise is mapped to ($1: enterprise ids), in chain then segment order. */
export const ENTERPRISE_NODE_LINKS = `
  SELECT x.enterprise_id, x.chain_node_id, x.output::float8 AS output
  FROM enterprise_chain_node x JOIN chain_node n ON n.id = x.chain_node_id
  WHERE x.enterprise_id = ANY($1::int[])
  ORDER BY x.enterprise_id, n.chain_id, n.segment, n.sort_order, n.id`;

/** 链主企业 of each chain, as a (parent, id) pair subquery for relatedEnterprises. */
export const CHAIN_OWNER_PAIRS = `(SELECT o.chain_id AS parent, o.enterprise_id AS id FROM chain_owner o)`;

// Chains and nodes are read as plain rows in the entities' shape (column aliases = property names): a chain page reads
// every node, and building TypeORM queries and hydrating entities cost more than the statements themselves.
const NODE_COLUMNS = (n: string) => `${n}.id, ${n}.chain_id AS "chainId", ${n}.parent_id AS "parentId", ${n}.name, ${n}.segment, ${n}.sort_order AS "sortOrder",
         ${n}.in_local_plan AS "inLocalPlan", ${n}.benchmark_count AS "benchmarkCount", ${n}.benchmark_output::float8 AS "benchmarkOutput"`;

/**
 * The nodes of chains ($1: chain ids), upstream → downstream (enum order), then sort order, each with its local
 * presence and gap analysis (CHAIN_NODE_GAPS: a chain page shows both, so one statement reads both).
 */
export const NODES_OF_CHAINS = `
  SELECT ${NODE_COLUMNS('g')}, g.local_count, g.local_output, g.chain_present, g.status, g.gap_action
  FROM ${CHAIN_NODE_GAPS('n.chain_id = ANY($1::int[])')} g
  ORDER BY g.chain_id, g.segment, g.sort_order, g.id`;

/** The child nodes of nodes ($1: parent ids), in the same order. */
export const CHILDREN_OF_NODES = `SELECT ${NODE_COLUMNS('n')} FROM chain_node n WHERE n.parent_id = ANY($1::int[]) ORDER BY n.segment, n.sort_order, n.id`;

/** Chain nodes by id ($1: ids). */
export const NODES_BY_ID = `SELECT ${NODE_COLUMNS('n')} FROM chain_node n WHERE n.id = ANY($1::int[])`;

/** Chains by id ($1: ids), each with its leader (链长) row, so a chain page reads both at once. */
export const CHAINS_BY_ID = `
  SELECT c.id, c.code, c.name, c.description, c.leader_official_id AS "leaderOfficialId", c.lead_department AS "leadDepartment",
         CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name, 'title', o.title, 'department', o.department, 'phone', o.phone) END AS leader
  FROM chain c LEFT JOIN official o ON o.id = c.leader_official_id WHERE c.id = ANY($1::int[])`;

/** The chains each official leads ($1: official ids). */
export const CHAINS_LED_BY = `
  SELECT id, code, name, description, leader_official_id AS "leaderOfficialId", lead_department AS "leadDepartment"
  FROM chain WHERE leader_official_id = ANY($1::int[]) ORDER BY id`;

// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** Name or code matches a LIKE pattern. */
export const CHAIN_TEXT_MATCH = (p: string) => `t.name ILIKE ${p} OR t.code ILIKE ${p}`;
