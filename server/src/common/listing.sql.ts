/** The number of rows of a filtered table (`where` uses `t`), as a scalar subquery (evaluated once per statement). */
export const PAGE_TOTAL = (table: string, where: string) => `(SELECT count(*) FROM ${table} t ${where})::int`;

/** The PAGE_TOTAL subquery on its own, as n (for an empty page past the last row, which still owes the total). */
export const PAGE_TOTAL_ALONE = (total: string | null) => `SELECT ${total} AS n`;

/** One page of rows of a filtered table (`where` uses `t`; after/limit are placeholders), with `total` as __total when given. */
export const PAGE_OF_ROWS = (columns: string, table: string, where: string, total: string | null, after: string, limit: string) => `
  SELECT ${columns}${total ? `, ${total} AS __total` : ''}
  FROM ${table} t ${where ? `${where} AND` : 'WHERE'} t.id > ${after}
  ORDER BY t.id LIMIT ${limit}`;

/**
 * One page of children for every parent in one statement. `membership` selects `(parent, id)` pairs;
 * `parents` is the placeholder of the int[] of parent ids, `after` and `limit` those of the page.
 */
export const CHILD_PAGES = (membership: string, parents: string, after: string, limit: string) => `
  WITH m AS (${membership})
  SELECT p.parent, (SELECT count(*) FROM m WHERE m.parent = p.parent)::int AS total,
         array(SELECT m.id FROM m WHERE m.parent = p.parent AND m.id > ${after} ORDER BY m.id LIMIT ${limit}) AS ids
  FROM unnest(${parents}::int[]) AS p(parent)`;

/** Rows of a table by id ($1: int[]); `columns` are the column reads, `table` the quoted table name, aliased `t`. */
export const ENTITIES_BY_IDS = (columns: string, table: string) => `SELECT ${columns} FROM ${table} t WHERE t.id = ANY($1::int[])`;

/** Rows of a table matching `where` (alias `t`) in `orderBy` order. */
export const ENTITIES_WHERE = (columns: string, table: string, where: string, orderBy: string) => `SELECT ${columns} FROM ${table} t WHERE ${where} ORDER BY ${orderBy}`;

/**
 * One page of child rows for every parent in one statement: `membership` selects `(parent, id)` pairs, `parents` is the
 * int[] placeholder. A parent with an empty page still gets one row (id null) carrying its total.
 */
export const CHILD_PAGE_ROWS = (membership: string, columns: string, table: string, parents: string, withTotal: boolean, after: string, limit: string) => `
  WITH m AS (${membership})
  SELECT p.parent AS __parent${withTotal ? ', (SELECT count(*) FROM m WHERE m.parent = p.parent)::int AS __total' : ''}, ${columns}
  FROM unnest(${parents}::int[]) AS p(parent)
  LEFT JOIN LATERAL (SELECT m.id FROM m WHERE m.parent = p.parent AND m.id > ${after} ORDER BY m.id LIMIT ${limit}) x ON true
  LEFT JOIN ${table} t ON t.id = x.id
  ORDER BY p.parent, t.id`;
