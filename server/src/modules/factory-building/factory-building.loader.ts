import { In } from 'typeorm';
import type { AtlasContext } from '../../common/context';
import { entityLoader } from '../../common/listing';
import { groupByKey } from '../../common/loaders';
import { FactoryBuilding } from './factory-building.entity';

export const factoryBuildingById = (ctx: AtlasContext) => entityLoader(ctx, 'factoryBuilding', FactoryBuilding);

/** The buildings standing in each park, in one statement for all parks of the request. */
export const factoryBuildingsByPark = (ctx: AtlasContext) =>
  ctx.loaders.get<number, FactoryBuilding[]>('park.factoryBuildings', async (ids) => {
    const rows = await ctx.db.getRepository(FactoryBuilding).find({ where: { parkId: In([...ids]) }, order: { id: 'ASC' } });
    return groupByKey(ids, rows, (f) => f.parkId);
  });
