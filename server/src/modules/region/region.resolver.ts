import type { GraphQLResolveInfo } from 'graphql';
import { listColumns, pageOf } from '../../common/listing';
import { Arg, Args, Ctx, FieldResolver, Float, ID, ObjectType, Query, Resolver, Root, Info } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { parseId } from '../../common/filters';
import { orNotFound } from '../../common/errors';
import { M2_PER_MU } from '../../common/numeric';
import { Connection, PageArgs, toConnection } from '../../common/pagination';
import { requireUser } from '../../auth/policy';
import { Region } from './region.entity';
import { RegionFilter } from './region.inputs';
import { regionById, regionChildren } from './region.loader';
import { RegionService } from './region.service';

@ObjectType()
export class RegionConnection extends Connection(Region) {}

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { description: 'One region by id; NOT_FOUND if it does not exist.' })
  async region(@Arg('id', () => ID) id: string, @Ctx() ctx: AtlasContext): Promise<Region> {
    requireUser(ctx.user);
    return orNotFound(regionById(ctx).load(parseId('id', id)), 'Region', id);
  }

  @Query(() => RegionConnection)
  async regions(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => RegionFilter, { nullable: true }) filter: RegionFilter | undefined, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    requireUser(ctx.user);
    return toConnection(await new RegionService(ctx.db).list(filter, pageOf(page, info), listColumns(ctx.db, Region, info)));
  }

  @FieldResolver(() => Region, { nullable: true })
  parent(@Root() r: Region, @Ctx() ctx: AtlasContext) {
    return r.parentId ? regionById(ctx).load(r.parentId) : null;
  }

  @FieldResolver(() => [Region], { description: 'Regions directly below this one (the districts and counties of a city).' })
  children(@Root() r: Region, @Ctx() ctx: AtlasContext) { return regionChildren(ctx).load(r.id); }

  @FieldResolver(() => Float, { description: 'Geodesic area in 亩 (1 mu = 10000/15 m²).' })
  areaMu(@Root() r: Region) { return r.areaM2 / M2_PER_MU; }
}
