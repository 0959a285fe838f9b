// SQL of the enterprise module. `&&` lets the GiST indexes on enterprise.location and park.boundary
// narrow candidates before the exact ST_Covers test (both columns are EPSG:4326, so no transform).
// ST_Covers rather than ST_Contains: an enterprise exactly on a boundary line still counts as inside.

/** Membership of local enterprises in parks ($1: park ids) as (parent, id) pairs for childPageLoader. */
export const PARK_LOCAL_ENTERPRISES = `
  SELECT p.id AS parent, e.id
  FROM park p
  JOIN enterprise e ON e.location && p.boundary AND ST_Covers(p.boundary, e.location)
  WHERE p.id = ANY($1::int[]) AND e.is_local`;

/** Join condition: the park boundary covers the enterprise location (column expressions as arguments). */
export const PARK_COVERS_LOCATION = (boundary: string, location: string) =>
  `${boundary} && ${location} AND ST_Covers(${boundary}, ${location})`;

// Pair subqueries for relatedEnterprises: (parent, id) over the whole link table; the loader filters
// parents, and PostgreSQL pushes that filter into the subquery.

/** Suppliers of each customer (enterprise_relation). */
export const SUPPLIER_PAIRS = `(SELECT r.customer_id AS parent, r.supplier_id AS id FROM enterprise_relation r)`;

/** Customers of each supplier (enterprise_relation). */
export const CUSTOMER_PAIRS = `(SELECT r.supplier_id AS parent, r.customer_id AS id FROM enterprise_relation r)`;

// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** Local (true) or outside (false) enterprises. */
export const ENTERPRISE_IS_LOCAL = (p: string) => `t.is_local = ${p}`;
/** Carries at least one of the tags. */
export const ENTERPRISE_HAS_ANY_TAG = (p: string) => `t.tags && ${p}::text[]`;
/** Industry code matches a LIKE pattern (a prefix). */
export const ENTERPRISE_INDUSTRY_LIKE = (p: string) => `t.industry_code LIKE ${p}`;
/** In one city. */
export const ENTERPRISE_IN_CITY = (p: string) => `t.city = ${p}`;
/** From one source region. */
export const ENTERPRISE_FROM_REGION = (p: string) => `t.source_region = ${p}`;
/** By its USCC. */
export const ENTERPRISE_WITH_USCC = (p: string) => `t.uscc = ${p}`;
/** Mapped to one chain node. */
export const ENTERPRISE_ON_NODE = (p: string) => `EXISTS (SELECT 1 FROM enterprise_chain_node x WHERE x.enterprise_id = t.id AND x.chain_node_id = ${p})`;
/** Mapped to any node of one chain. */
export const ENTERPRISE_ON_CHAIN = (p: string) => `EXISTS (SELECT 1 FROM enterprise_chain_node x JOIN chain_node n ON n.id = x.chain_node_id
                   WHERE x.enterprise_id = t.id AND n.chain_id = ${p})`;
