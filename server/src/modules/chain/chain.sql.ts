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

// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** Name or code matches a LIKE pattern. */
export const CHAIN_TEXT_MATCH = (p: string) => `t.name ILIKE ${p} OR t.code ILIKE ${p}`;
