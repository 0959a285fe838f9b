// SQL of the chain module: the enterprise_chain_node mapping and the gap analysis built on it.
// Only local enterprises count toward a node's strength; outside ones are candidates, not presence.

/**
 * Local presence per chain node ($1: node ids): number of local enterprises mapped and the output they
 * attribute to the node (null outputs count as 0), plus whether the node's chain has any local enterprise
 * on a planned node at all (if not, a missing node means 建链 rather than 补链).
 */
export const CHAIN_NODE_LOCAL_STATS = `
  SELECT n.id AS node_id,
         count(e.id)::int AS local_count,
         coalesce(sum(x.output) FILTER (WHERE e.id IS NOT NULL), 0)::float8 AS local_output,
         EXISTS (SELECT 1 FROM chain_node n2
                 JOIN enterprise_chain_node x2 ON x2.chain_node_id = n2.id
                 JOIN enterprise e2 ON e2.id = x2.enterprise_id AND e2.is_local
                 WHERE n2.chain_id = n.chain_id AND n2.in_local_plan) AS chain_present
  FROM chain_node n
  LEFT JOIN enterprise_chain_node x ON x.chain_node_id = n.id
  LEFT JOIN enterprise e ON e.id = x.enterprise_id AND e.is_local
  WHERE n.id = ANY($1::int[])
  GROUP BY n.id`;

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
const NODE_COLUMNS = `n.id, n.chain_id AS "chainId", n.parent_id AS "parentId", n.name, n.segment, n.sort_order AS "sortOrder", n.in_local_plan AS "inLocalPlan",
         n.benchmark_count AS "benchmarkCount", n.benchmark_output::float8 AS "benchmarkOutput"`;

/**
 * The nodes of chains ($1: chain ids), upstream → downstream (enum order), then sort order, each with its local
 * presence as CHAIN_NODE_LOCAL_STATS counts it (a chain page shows both, so one statement reads both).
 */
export const NODES_OF_CHAINS = `
  SELECT ${NODE_COLUMNS},
         count(e.id)::int AS local_count,
         coalesce(sum(x.output) FILTER (WHERE e.id IS NOT NULL), 0)::float8 AS local_output,
         bool_or(count(e.id) > 0 AND n.in_local_plan) OVER (PARTITION BY n.chain_id) AS chain_present
  FROM chain_node n
  LEFT JOIN enterprise_chain_node x ON x.chain_node_id = n.id
  LEFT JOIN enterprise e ON e.id = x.enterprise_id AND e.is_local
  WHERE n.chain_id = ANY($1::int[])
  GROUP BY n.id
  ORDER BY n.chain_id, n.segment, n.sort_order, n.id`;

/** The child nodes of nodes ($1: parent ids), in the same order. */
export const CHILDREN_OF_NODES = `SELECT ${NODE_COLUMNS} FROM chain_node n WHERE n.parent_id = ANY($1::int[]) ORDER BY n.segment, n.sort_order, n.id`;

/** Chain nodes by id ($1: ids). */
export const NODES_BY_ID = `SELECT ${NODE_COLUMNS} FROM chain_node n WHERE n.id = ANY($1::int[])`;

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
