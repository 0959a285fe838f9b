import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { AtlasContext } from './context';

/** A column's TypeORM metadata (its class is not exported from the package root). */
type ColumnMetadata = ReturnType<DataSource['getMetadata']>['columns'][number];
import { toPage, type Page, type PageArgs, type PageResult } from './pagination';
import { SqlBuilder } from './sql-builder';
import { CHILD_PAGE_ROWS, CHILD_PAGES, ENTITIES_BY_IDS, ENTITIES_WHERE, PAGE_OF_ROWS, PAGE_TOTAL, PAGE_TOTAL_ALONE } from './listing.sql';
import { byKey } from './loaders';

type WithId = ObjectLiteral & { id: number };

/** How a list reads one entity column: its SQL expression and how the raw value becomes the property. */
interface ColumnRead { property: string; sql: string; from: ((v: unknown) => unknown) | null }

const GEOMETRY_TYPES = new Set(['geometry', 'geography']);
const TIMESTAMP_TYPES = new Set(['timestamptz', 'timestamp with time zone', 'timestamp', 'timestamp without time zone']);
const readPlans = new WeakMap<object, Map<string, ColumnRead>>();

/**
 * The raw read of every column of an entity, from its TypeORM metadata: geometry as GeoJSON text (served as is by the
 * GeoJSON scalar, never parsed and serialised again), dates as ISO text, enum arrays as text[], value transformers applied.
 */
function columnReads(db: DataSource, entity: EntityTarget<ObjectLiteral>): Map<string, ColumnRead> {
  let plan = readPlans.get(entity as object);
  if (!plan) {
    plan = new Map();
    for (const c of db.getMetadata(entity).columns) {
      const col = `t."${c.databaseName}"`;
      const type = String(c.type);
      const sql = GEOMETRY_TYPES.has(type) ? `ST_AsGeoJSON(${col})` : type === 'date' ? `${col}::text` : c.isArray && type === 'enum' ? `${col}::text[]` : col;
      const transformer = Array.isArray(c.transformer) ? null : c.transformer;
      const from = transformer ? (v: unknown) => transformer.from(v) as unknown
        : TIMESTAMP_TYPES.has(type) ? (v: unknown) => (typeof v === 'string' ? new Date(v) : v) : null;
      plan.set(c.propertyName, { property: c.propertyName, sql: `${sql} AS "${c.propertyName}"`, from });
    }
    readPlans.set(entity as object, plan);
  }
  return plan;
}

/**
 * Loads entities by id in the order asked (missing ids are dropped); `columns` narrows the columns read. One plain
 * statement; rows become instances of the entity class without TypeORM's hydration (the read path's main cost).
 */
export async function findByIds<T extends WithId>(db: DataSource, entity: EntityTarget<T>, ids: readonly number[], columns?: string[]): Promise<T[]> {
  if (ids.length === 0) return [];
  const read = rowReader(db, entity, columns);
  const rows: Record<string, unknown>[] = await db.query(ENTITIES_BY_IDS(read.select, read.table), [ids]);
  return byKey(ids, rows.map(read.toEntity), (r) => r.id).filter((r): r is T => r !== null);
}

/** Rows of an entity's table matching `where` (alias `t`, its own placeholders in `params`), in `orderBy` order. */
export async function findWhere<T extends WithId>(db: DataSource, entity: EntityTarget<T>, where: string, params: unknown[], orderBy: string): Promise<T[]> {
  const read = rowReader(db, entity);
  const rows: Record<string, unknown>[] = await db.query(ENTITIES_WHERE(read.select, read.table, where, orderBy), params);
  return rows.map(read.toEntity);
}

/** The select list of an entity's columns (all, or `columns` plus id) and the function turning a raw row into an instance. */
function rowReader<T extends WithId>(db: DataSource, entity: EntityTarget<T>, columns?: string[]) {
  const plan = columnReads(db, entity);
  const reads = columns ? [...new Set(['id', ...columns])].map((c) => plan.get(c)).filter((r): r is ColumnRead => r !== undefined) : [...plan.values()];
  const meta = db.getMetadata(entity);
  const proto = (meta.target as { prototype: object }).prototype;
  return {
    select: reads.map((r) => r.sql).join(', '),
    table: `"${meta.tableName}"`,
    // Properties set in one fixed order, so every row of an entity shares one object shape (and helper columns stay out).
    toEntity: (row: Record<string, unknown>): T => {
      const e = Object.create(proto) as Record<string, unknown>;
      for (const r of reads) e[r.property] = r.from ? r.from(row[r.property]) : row[r.property];
      return e as T;
    },
  };
}

/**
 * One page of a filtered table in one statement: the rows, and the total only when the query selects `totalCount`
 * (`page.withTotal`; counting every match is the costly part of a big filtered list).
 */
export async function listPage<T extends WithId>(db: DataSource, entity: EntityTarget<T>, table: string, b: SqlBuilder, page: Page, columns?: string[]): Promise<PageResult<T>> {
  const read = rowReader(db, entity, columns);
  const withTotal = page.withTotal !== false;
  const where = b.where;
  const total = withTotal ? PAGE_TOTAL(read.table, where) : null;
  const rows: Record<string, unknown>[] = await db.query(PAGE_OF_ROWS(read.select, read.table, where, total, b.param(page.afterId), b.param(page.first + 1)), b.params);
  let totalCount = rows.length > 0 ? Number(rows[0].__total ?? 0) : 0;
  // An empty page past the last row still owes the total of the whole filter.
  if (withTotal && rows.length === 0 && page.afterId > 0) totalCount = Number((await db.query(PAGE_TOTAL_ALONE(total), b.params.slice(0, -2)))[0].n);
  const nodes = rows.slice(0, page.first).map(read.toEntity);
  return { nodes, totalCount, hasNextPage: rows.length > page.first };
}

/** A per-request DataLoader returning entities by id. */
export function entityLoader<T extends WithId>(ctx: AtlasContext, name: string, entity: EntityTarget<T>) {
  return ctx.loaders.get<number, T | null>(`${name}.byId`, async (ids) => {
    const rows = await findByIds(ctx.db, entity, ids);
    return byKey(ids, rows, (r) => r.id);
  });
}

/**
 * Builds the `(parent, id)` membership statement of a child page: `parents` is the placeholder of the parent ids
 * (an int[]); filter values go through `b.param`, so every parameter is named where it is used.
 */
export type Membership = (b: SqlBuilder, parents: string) => string;

/**
 * A per-request DataLoader for a paginated one-to-many (or spatial) relation; one statement serves every parent.
 * `membership` is a statement selecting `(parent, id)` pairs for the parents in `$1::int[]`, or a Membership
 * builder for filtered relations. `key` tells apart loaders of the same relation with different filters.
 */
export function childPageLoader(ctx: AtlasContext, name: string, membership: string | Membership, page: Page, key = '') {
  return ctx.loaders.get<number, { ids: number[]; totalCount: number; hasNextPage: boolean }>(
    `${name}:${page.first}:${page.afterId}:${key}`,
    async (parents) => {
      const b = new SqlBuilder();
      const parentIds = b.param(parents);
      const sql = typeof membership === 'string' ? membership : membership(b, parentIds);
      const after = b.param(page.afterId);
      const limit = b.param(page.first + 1);
      const rows: { parent: number; total: number; ids: number[] }[] = await ctx.db.query(CHILD_PAGES(sql, parentIds, after, limit), b.params);
      return byKey(parents, rows, (r) => Number(r.parent)).map((r) => {
        const ids = (r?.ids ?? []).map(Number);
        return { ids: ids.slice(0, page.first), totalCount: r?.total ?? 0, hasNextPage: ids.length > page.first };
      });
    },
  );
}

/**
 * A per-request DataLoader for one page of child rows per parent, rows included, in one statement for every parent
 * (the membership as in childPageLoader). The total is counted only when `page.withTotal`. `columns` narrows the
 * columns read (listColumns of the connection's selection) and is part of the loader's key.
 */
export function childRowsLoader<T extends WithId>(ctx: AtlasContext, name: string, entity: EntityTarget<T>, membership: Membership, page: Page, key: string, columns?: string[]) {
  const withTotal = page.withTotal !== false;
  return ctx.loaders.get<number, PageResult<T>>(
    `${name}:rows:${page.first}:${page.afterId}:${withTotal}:${key}:${columns?.join(',') ?? '*'}`,
    async (parents) => {
      const read = rowReader(ctx.db, entity, columns);
      const b = new SqlBuilder();
      const parentIds = b.param(parents);
      const sql = membership(b, parentIds);
      const rows: Record<string, unknown>[] = await ctx.db.query(CHILD_PAGE_ROWS(sql, read.select, read.table, parentIds, withTotal, b.param(page.afterId), b.param(page.first + 1)), b.params);
      const pages = new Map<number, PageResult<T>>();
      for (const r of rows) {
        const parent = Number(r.__parent);
        let p = pages.get(parent);
        if (!p) { p = { nodes: [], totalCount: Number(r.__total ?? 0), hasNextPage: false }; pages.set(parent, p); }
        if (r.id === null) continue;
        if (p.nodes.length === page.first) { p.hasNextPage = true; continue; }
        p.nodes.push(read.toEntity(r));
      }
      return parents.map((id) => pages.get(id) ?? { nodes: [], totalCount: 0, hasNextPage: false });
    },
  );
}

/**
 * Column types read only when the query selects them: those that can be large (free text, geometry, arrays, JSON)
 * and timestamps (bookkeeping no computed field reads, and the costliest values to parse).
 */
const isBulky = (c: ColumnMetadata) => c.isArray || ['text', 'varchar', 'character varying', 'geometry', 'geography', 'json', 'jsonb', ...TIMESTAMP_TYPES].includes(String(c.type));
/** Short text keys computed fields and relations read (codes, USCC), always read. */
const TEXT_KEYS = new Set(['code', 'uscc', 'categoryCode']);

/** The field names a connection's selection asks of its nodes (under `nodes` and `edges.node`), fragments followed. */
function nodeFieldNames(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, inNode: boolean, depth: number) => {
    if (!set || depth > 6) return;
    for (const s of set.selections) {
      if (s.kind === Kind.FRAGMENT_SPREAD) walk(info.fragments[s.name.value]?.selectionSet, inNode, depth);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, inNode, depth);
      else if (inNode) names.add((s).name.value);
      else if (s.name.value === 'nodes' || s.name.value === 'node') walk(s.selectionSet, true, depth + 1);
      else if (s.name.value === 'edges') walk(s.selectionSet, false, depth + 1);
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet, false, 0);
  return names;
}

/** The page a connection field asks for, counting the total only when its selection has `totalCount` (fragments followed). */
export function pageOf(args: PageArgs, info: GraphQLResolveInfo): Page {
  let total = false;
  const walk = (set: SelectionSetNode | undefined, depth: number) => {
    if (!set || depth > 4 || total) return;
    for (const s of set.selections) {
      if (s.kind === Kind.FRAGMENT_SPREAD) walk(info.fragments[s.name.value]?.selectionSet, depth + 1);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, depth + 1);
      else if (s.name.value === 'totalCount') total = true;
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet, 0);
  return { ...toPage(args), withTotal: total };
}

/**
 * The entity columns a list reads: keys and fixed-width columns (ids, numbers, dates, enums — what relations and computed
 * fields work from) always; text, geometry, array, JSON and timestamp columns only when the query selects a field of that name.
 * So a list of ids and stages never reads a 4 MB name or a 200,000-vertex boundary.
 */
export function listColumns(db: DataSource, entity: EntityTarget<ObjectLiteral>, info: GraphQLResolveInfo): string[] {
  const asked = nodeFieldNames(info);
  return db.getMetadata(entity).columns
    .filter((c) => !isBulky(c) || TEXT_KEYS.has(c.propertyName) || asked.has(c.propertyName))
    .map((c) => c.propertyName);
}
