import type { GraphQLResolveInfo } from 'graphql';
import { listColumns } from '../../common/listing';
import { Arg, Args, Ctx, FieldResolver, Float, ID, ObjectType, Query, Resolver, Root, Info } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { orNotFound } from '../../common/errors';
import { parseId } from '../../common/filters';
import { Connection, PageArgs, toConnection, toPage } from '../../common/pagination';
import { requireUser } from '../../auth/policy';
import { Park, parkById } from '../park';
import { FactoryBuilding } from './factory-building.entity';
import { FactoryBuildingFilter } from './factory-building.inputs';
import { factoryBuildingById, factoryBuildingsByPark } from './factory-building.loader';
import { FactoryBuildingService } from './factory-building.service';

@ObjectType()
export class FactoryBuildingConnection extends Connection(FactoryBuilding) {}

@Resolver(() => FactoryBuilding)
export class FactoryBuildingResolver {
  @Query(() => FactoryBuilding, { description: 'One standard factory building by id; NOT_FOUND if it does not exist.' })
  factoryBuilding(@Arg('id', () => ID) id: string, @Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return orNotFound(factoryBuildingById(ctx).load(parseId('id', id)), 'FactoryBuilding', id);
  }

  @Query(() => FactoryBuildingConnection, { description: 'Standard factory buildings matching the filter, by ascending id.' })
  async factoryBuildings(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => FactoryBuildingFilter, { nullable: true }) filter: FactoryBuildingFilter | undefined, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo,
  ) {
    requireUser(ctx.user);
    return toConnection(await new FactoryBuildingService(ctx.db).list(filter, toPage(page), listColumns(ctx.db, FactoryBuilding, info)));
  }

  @FieldResolver(() => Park, { description: 'The park it stands in.' })
  park(@Root() f: FactoryBuilding, @Ctx() ctx: AtlasContext) { return parkById(ctx).load(f.parkId); }

  @FieldResolver(() => Float, { description: 'Vacant floor area ÷ floor area, 0–1.' })
  vacancyRate(@Root() f: FactoryBuilding) { return f.floorAreaM2 > 0 ? f.vacantFloorAreaM2 / f.floorAreaM2 : 0; }
}

/** Park.factoryBuildings: factory_building.park_id is this module's foreign key, so it resolves both directions. */
@Resolver(() => Park)
export class ParkFactoryBuildingsResolver {
  @FieldResolver(() => [FactoryBuilding], { description: 'Standard factory buildings in this park.' })
  factoryBuildings(@Root() p: Park, @Ctx() ctx: AtlasContext) { return factoryBuildingsByPark(ctx).load(p.id); }
}
