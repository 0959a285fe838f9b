import type { AtlasContext } from '../../common/context';
import { entityLoader, findByIds } from '../../common/listing';
import { groupByKey } from '../../common/loaders';
import { Region } from './region.entity';
import { CHILDREN_OF_REGIONS } from './region.sql';

export const regionById = (ctx: AtlasContext) => entityLoader(ctx, 'region', Region);

export const regionChildren = (ctx: AtlasContext) =>
  ctx.loaders.get<number, Region[]>('region.children', async (ids) => {
    const rows: { id: number }[] = await ctx.db.query(CHILDREN_OF_REGIONS, [ids]);
    const regions = await findByIds(ctx.db, Region, rows.map((r) => r.id));
    return groupByKey(ids, regions, (r) => r.parentId as number);
  });
