import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { AtlasContext } from './context';
import type { Page, PageResult } from './pagination';
import { SqlBuilder } from './sql-builder';
import { CHILD_PAGES, PAGE_OF_IDS } from './listing.sql';
import { byKey } from './loaders';

type WithId = ObjectLiteral & { id: number };

/** Loads entities by id in the order asked (missing ids are dropped). */
export async function findByIds<T extends WithId>(db: DataSource, entity: EntityTarget<T>, ids: readonly number[]): Promise<T[]> {
  if (ids.length === 0) return [];
  const rows = await db.getRepository(entity).findBy({ id: In([...ids]) } as never);
  return byKey(ids, rows, (r) => r.id).filter((r): r is T => r !== null);
}

/** One page of a filtered table in two statements: ids with the total, then the rows. */
export async function listPage<T extends WithId>(db: DataSource, entity: EntityTarget<T>, table: string, b: SqlBuilder, page: Page): Promise<PageResult<T>> {
  const after = b.param(page.afterId);
  const limit = b.param(page.first + 1);
  const [row] = await db.query(PAGE_OF_IDS(table, b.where, after, limit), b.params);
  const ids: number[] = (row.ids as number[]).map(Number);
  const nodes = await findByIds(db, entity, ids.slice(0, page.first));
  return { nodes, totalCount: row.total, hasNextPage: ids.length > page.first };
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
