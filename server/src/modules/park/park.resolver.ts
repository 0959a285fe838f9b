import type { GraphQLResolveInfo } from 'graphql';
import { listColumns, pageOf } from '../../common/listing';
import { Arg, Args, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Info } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { orNotFound } from '../../common/errors';
import { parseId } from '../../common/filters';
import { M2_PER_MU } from '../../common/numeric';
import { Connection, PageArgs, toConnection } from '../../common/pagination';
import { canEditLand, requireUser } from '../../auth/policy';
import { Region, regionById } from '../region';
import { Park } from './park.entity';
import { ParkFilter, UpdateParkInput } from './park.inputs';
import { parkById, parkLandStats, parksByRegion, subParksByParent } from './park.loader';
import { ParkService } from './park.service';

@ObjectType()
export class ParkConnection extends Connection(Park) {}

@ObjectType({ description: 'Land left and factory space in a park, from its parcels and buildings.' })
export class ParkLandStats {
  @Field(() => Int) parcelCount: number;
  @Field(() => Float, { description: '亩 in all parcels' }) parcelMu: number;
  @Field(() => Float, { description: '亩 available to supply (可供)' }) availableMu: number;
  @Field(() => Float, { description: '亩 in reserve (储备)' }) reserveMu: number;
  @Field(() => Float, {
    description: '亩 idle as DOMAIN.md defines it (闲置: marked idle, or supplied and not started within the configured period); equals capacity.idleMu',
  }) idleMu: number;
  @Field(() => Float, { description: 'm² of standard factory floor' }) factoryFloorM2: number;
  @Field(() => Float, { description: 'm² of that floor standing empty' }) vacantFactoryFloorM2: number;
}

@Resolver(() => Park)
export class ParkResolver {
  @Query(() => Park, { description: 'One park by id; NOT_FOUND if it does not exist.' })
  park(@Arg('id', () => ID) id: string, @Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return orNotFound(parkById(ctx).load(parseId('id', id)), 'Park', id);
  }

  @Query(() => ParkConnection, { description: 'Parks matching the filter, by ascending id.' })
  async parks(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => ParkFilter, { nullable: true }) filter: ParkFilter | undefined, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    requireUser(ctx.user);
    return toConnection(await new ParkService(ctx.db).list(filter, pageOf(page, info), listColumns(ctx.db, Park, info)));
  }

  @Mutation(() => Park, { description: 'Planner: change a park (validated, audited).' })
  updatePark(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateParkInput) input: UpdateParkInput, @Ctx() ctx: AtlasContext) {
    return new ParkService(ctx.db).update(requireUser(ctx.user), parseId('id', id), input);
  }

  @FieldResolver(() => Region, { description: 'The region it lies in.' })
  region(@Root() p: Park, @Ctx() ctx: AtlasContext) { return regionById(ctx).load(p.regionId); }

  @FieldResolver(() => Region, { nullable: true, description: '飞地园区: the region that administers it, when not the one it lies in.' })
  administeredByRegion(@Root() p: Park, @Ctx() ctx: AtlasContext) {
    return p.administeredByRegionId ? regionById(ctx).load(p.administeredByRegionId) : null;
  }

  @FieldResolver(() => Park, { nullable: true, description: 'For a 园中园, the park it lies in.' })
  parentPark(@Root() p: Park, @Ctx() ctx: AtlasContext) { return p.parentParkId ? parkById(ctx).load(p.parentParkId) : null; }

  @FieldResolver(() => [Park], { description: '园中园 inside this park.' })
  subParks(@Root() p: Park, @Ctx() ctx: AtlasContext) { return subParksByParent(ctx).load(p.id); }

  @FieldResolver(() => Float, { description: 'Geodesic area in 亩.' })
  areaMu(@Root() p: Park) { return p.areaM2 / M2_PER_MU; }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may change it (updatePark/updateParcel apply the same rule).' })
  viewerCanEdit(@Ctx() ctx: AtlasContext) { return canEditLand(ctx.user); }

  @FieldResolver(() => Float, { description: 'Geodesic area in hectares.' })
  areaHectares(@Root() p: Park) { return p.areaM2 / 10000; }

  @FieldResolver(() => ParkLandStats)
  async landStats(@Root() p: Park, @Ctx() ctx: AtlasContext): Promise<ParkLandStats> {
    const s = await parkLandStats(ctx).load(p.id);
    const mu = (m2: unknown) => Number(m2 ?? 0) / M2_PER_MU;
    return {
      parcelCount: s?.parcel_count ?? 0, parcelMu: mu(s?.parcel_m2), availableMu: mu(s?.available_m2), reserveMu: mu(s?.reserve_m2),
      idleMu: mu(s?.idle_m2), factoryFloorM2: Number(s?.factory_m2 ?? 0), vacantFactoryFloorM2: Number(s?.vacant_factory_m2 ?? 0),
    };
  }
}

/** Parks of a region: the park module owns park.region_id, so it resolves this direction too. */
@Resolver(() => Region)
export class RegionParksResolver {
  @FieldResolver(() => [Park], { description: 'Parks lying in this region (for a city or province: in its districts too).' })
  parks(@Root() r: Region, @Ctx() ctx: AtlasContext) { return parksByRegion(ctx).load(r.id); }
}
