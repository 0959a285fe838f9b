/** One page of ids of a filtered table with the total (`where` uses `t`; after/limit are placeholders). */
export const PAGE_OF_IDS = (table: string, where: string, after: string, limit: string) => `
  WITH m AS (SELECT t.id FROM ${table} t ${where})
  SELECT (SELECT count(*) FROM m)::int AS total,
         array(SELECT id FROM m WHERE id > ${after} ORDER BY id LIMIT ${limit}) AS ids`;

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
