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
