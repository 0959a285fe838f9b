import { M2_PER_MU } from './numeric';

// The SQL a compiled read is assembled from (common/projection.ts). Each builder takes SQL made by the compiler or a
// module's projection: row aliases it numbered itself, column names from the entity metadata, `$n` placeholders of
// its SqlBuilder. No value is ever formatted into the text.

/** One JSON object from (key, expression) pairs; keys are GraphQL response keys (names: letters, digits, `_`). */
export const JSON_OBJECT = (pairs: [string, string][]) => `json_build_object(${pairs.map(([k, v]) => `'${k}', ${v}`).join(', ')})`;

/**
 * The relation naming the caller for projections (common/projection.ts): one row, or none without a caller, with
 * `id`, `role` (text, as Role spells it) and `chain_ids` (int[], the chains a chain leader leads).
 */
export const CALLER = 'caller';

/**
 * The caller from the account row being checked (`account`: its SELECT, AuthService.credentialLookup): the statement
 * also returns that row, for the deferred account check (auth/caller.ts).
 */
export const CALLER_FROM_ACCOUNT = (account: string) =>
  `account AS (${account}), ${CALLER} AS (SELECT a.id, a.role::text AS role, a.chain_ids FROM account a)`;

/** A caller already known (its id, role and chain ids as placeholders). */
export const KNOWN_CALLER = (id: string, role: string, chainIds: string) =>
  `${CALLER} AS (SELECT ${id}::int AS id, ${role}::text AS role, ${chainIds}::int[] AS chain_ids)`;

/** No caller (the relation has no row). */
export const NO_CALLER = `${CALLER} AS (SELECT NULL::int AS id, NULL::text AS role, NULL::int[] AS chain_ids WHERE false)`;

/**
 * The statement of a compiled operation: one JSON text per root field, in columns "0", "1", …, with the caller's
 * relation (`callerCtes`: CALLER_FROM_ACCOUNT, KNOWN_CALLER or NO_CALLER) in scope, and the account row as JSON in "caller" when it is checked.
 */
export const COMPILED_READ = (roots: string[], callerCtes: string, returnsAccount: boolean) =>
  `WITH ${callerCtes} SELECT ${roots.map((r, i) => `(${r})::text AS "${i}"`).join(', ')}${returnsAccount ? ', (SELECT row_to_json(a) FROM account a)::text AS caller' : ''}`;

/**
 * `value`, of a non-null field: when the SQL finds no row the statement fails, so the resolvers answer with their own
 * error (NOT_FOUND). The failure is a division by the count of no rows, computed only when `value` is null (an
 * aggregate, which the planner cannot fold into a constant ahead of time).
 */
export const NON_NULL = (value: string) => `coalesce(${value}, (SELECT (1 / count(*))::text::json FROM (SELECT) AS nothing WHERE false))`;

/** A literal string the compiler knows to be a GraphQL name (`__typename`). */
export const NAME_LITERAL = (name: string) => `'"${name}"'::json`;

/** The cursor of a row as `encodeCursor` spells it: base64url of `id:<id>`, no padding (null stays null). */
export const CURSOR = (id: string) => `rtrim(translate(encode(convert_to('id:' || ${id}, 'UTF8'), 'base64'), '+/', '-_'), '=')`;

/** A column as JSON text (ids, dates in ISO form). */
export const TEXT_VALUE = (col: string) => `${col}::text`;

/** A numeric column as a JSON number, as numericTransformer reads it (the same double). */
export const NUMERIC_VALUE = (col: string) => `${col}::float8`;

/** A text-array column as a JSON array. */
export const JSON_ARRAY = (col: string) => `to_json(${col})`;

/** An enum column as the API spells it (upper case). */
export const ENUM_VALUE = (col: string) => `upper(${col}::text)`;

/** An enum-array column as a JSON array of upper-case names, in stored order. */
export const ENUM_ARRAY = (col: string) =>
  `(SELECT coalesce(json_agg(upper(u.v) ORDER BY u.i), '[]'::json) FROM unnest(${col}::text[]) WITH ORDINALITY AS u(v, i))`;

/** A geometry column as GeoJSON, exactly the text the list reads (listing.ts) serve. */
export const GEOJSON_VALUE = (col: string) => `ST_AsGeoJSON(${col})::json`;

/** The one row of `table` (aliased `alias`) matching `on`, as `object` (null when there is none). */
export const ONE_ROW = (object: string, table: string, alias: string, on: string) => `(SELECT ${object} FROM ${table} ${alias} WHERE ${on})`;

/**
 * Every row of `from` (the listed table aliased `t`) matching `where`, in `orderBy` order, as a JSON array of `object`
 * (built over `alias`); an empty array when there is none.
 */
export const ROWS_ARRAY = (object: string, alias: string, from: string, where: string, orderBy: string) => `
  coalesce((SELECT json_agg(${object} ORDER BY ${alias}.__n)
            FROM (SELECT t.*, row_number() OVER (ORDER BY ${orderBy}) AS __n FROM ${from} WHERE ${where}) ${alias}), '[]'::json)`;

/**
 * One page of a connection as one JSON object: the rows of `table` (`t`) matching `where` after id `after`, by id, one
 * more than `first` fetched to tell hasNextPage. `parts` build the selected keys over `alias` (its `__n` numbers the rows);
 * `GROUP BY ()` makes it one row even for an empty page. The rows are numbered after the LIMIT, so the planner keeps its
 * top-N sort (or index order) for the page.
 */
export const CONNECTION_PAGE = (parts: string, table: string, alias: string, where: string, after: string, limit: string) => `
  (SELECT ${parts}
   FROM (SELECT s.*, row_number() OVER (ORDER BY s.id) AS __n
         FROM (SELECT t.* FROM ${table} t ${where ? `${where} AND` : 'WHERE'} t.id > ${after} ORDER BY t.id LIMIT ${limit}) s) ${alias}
   GROUP BY ())`;

/** The nodes of a connection page (rows numbered up to `first`), as a JSON array. */
export const PAGE_NODES = (object: string, alias: string, first: string) =>
  `coalesce(json_agg(${object} ORDER BY ${alias}.__n) FILTER (WHERE ${alias}.__n <= ${first}), '[]'::json)`;

/** Whether the page has a row past `first`. */
export const PAGE_HAS_NEXT = (first: string) => `count(*) > ${first}`;

/** The id of the page's last row (within `first`). */
export const PAGE_LAST_ID = (alias: string, first: string) => `max(${alias}.id) FILTER (WHERE ${alias}.__n <= ${first})`;

/** The number of rows of `table` (`t`) matching `where`, over all pages. */
export const ROW_COUNT = (table: string, where: string) => `(SELECT count(*) FROM ${table} t ${where})::int`;

/** An area in 亩 from a float8 m² column, the division the resolvers make (M2_PER_MU as a float8 literal). */
export const MU_FROM_M2 = (m2: string) => `${m2} / ${M2_PER_MU}::float8`;

/** An area in hectares from a float8 m² column. */
export const HECTARES_FROM_M2 = (m2: string) => `${m2} / 10000::float8`;
