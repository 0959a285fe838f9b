import type { AtlasContext } from '../../common/context';
import { childPageLoader, entityLoader, findByIds } from '../../common/listing';
import { toConnection, type ConnectionShape, type Page } from '../../common/pagination';
import { Park } from '../park';
import { Enterprise } from './enterprise.entity';
import { CUSTOMER_PAIRS, PARK_COVERS_LOCATION, SUPPLIER_PAIRS } from './enterprise.sql';

// Relation loaders fetch their own rows in one joined statement instead of ids-then-byId: the
// statement count of a request then depends neither on the data (no second query skipped when a
// relation is empty) nor on database timing (a shared byId loader reached at different depths
// splits into batches by when results come back).

export const enterpriseById = (ctx: AtlasContext) => entityLoader(ctx, 'enterprise', Enterprise);

/**
 * The enterprises related to each parent, ordered by id, in one statement for all parents.
 * `pairs` is a parenthesised subquery selecting `(parent, id)` over the whole link table.
 */
export const relatedEnterprises = (ctx: AtlasContext, name: string, pairs: string) =>
  ctx.loaders.get<number, Enterprise[]>(name, async (parents) => {
    const { raw, entities } = await ctx.db.getRepository(Enterprise).createQueryBuilder('e')
      .innerJoin(pairs, 'l', 'l.id = e.id')
      .addSelect('l.parent', 'link_parent')
      .where('l.parent = ANY(:parents)', { parents: [...parents] })
      .orderBy('e.id', 'ASC')
      .getRawAndEntities();
    const byId = new Map(entities.map((e) => [e.id, e]));
    const out = new Map<number, Enterprise[]>(parents.map((p) => [p, []]));
    for (const r of raw as { e_id: number; link_parent: number }[]) out.get(Number(r.link_parent))?.push(byId.get(Number(r.e_id))!);
    return parents.map((p) => out.get(p)!);
  });

/**
 * One page of enterprises under a parent (park, chain node …) as an EnterpriseConnection.
 * `membershipSql` selects `(parent, id)` for parents in `$1::int[]`; two statements serve every parent.
 */
export function enterprisePageOf(ctx: AtlasContext, name: string, membershipSql: string, page: Page, parentId: number) {
  return ctx.loaders.get<number, ConnectionShape<Enterprise>>(`${name}.nodes:${page.first}:${page.afterId}`, async (parents) => {
    const pages = await childPageLoader(ctx, name, membershipSql, page).loadMany(parents);
    const rows = await findByIds(ctx.db, Enterprise, [...new Set(pages.flatMap((p) => (p instanceof Error ? [] : p.ids)))]);
    const found = new Map(rows.map((e) => [e.id, e]));
    return pages.map((p) => (p instanceof Error ? p : toConnection({
      nodes: p.ids.map((id) => found.get(id)).filter((e): e is Enterprise => e !== undefined), totalCount: p.totalCount, hasNextPage: p.hasNextPage,
    })));
  }).load(parentId);
}

/**
 * The park each enterprise lies in, or null, in one spatial statement for all enterprises.
 * With 园中园 several parks cover a point: the smallest (most specific) wins, then the lowest id.
 */
export const parkOfEnterprise = (ctx: AtlasContext) =>
  ctx.loaders.get<number, Park | null>('enterprise.park', async (ids) => {
    const { raw, entities } = await ctx.db.getRepository(Park).createQueryBuilder('k')
      .innerJoin(Enterprise, 'e', PARK_COVERS_LOCATION('k.boundary', 'e.location'))
      .addSelect('e.id', 'enterprise_id')
      .where('e.id = ANY(:ids)', { ids: [...ids] })
      .getRawAndEntities();
    const parks = new Map(entities.map((p) => [p.id, p]));
    const best = new Map<number, Park>();
    for (const r of raw as { k_id: number; enterprise_id: number }[]) {
      const park = parks.get(Number(r.k_id))!;
      const cur = best.get(Number(r.enterprise_id));
      if (!cur || park.areaM2 < cur.areaM2 || (park.areaM2 === cur.areaM2 && park.id < cur.id)) best.set(Number(r.enterprise_id), park);
    }
    return ids.map((id) => best.get(id) ?? null);
  });

/** Each enterprise's suppliers (enterprise_relation). */
export const suppliersOf = (ctx: AtlasContext) => relatedEnterprises(ctx, 'enterprise.suppliers', SUPPLIER_PAIRS);

/** Each enterprise's customers (enterprise_relation). */
export const customersOf = (ctx: AtlasContext) => relatedEnterprises(ctx, 'enterprise.customers', CUSTOMER_PAIRS);
