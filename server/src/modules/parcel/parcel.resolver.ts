import type { GraphQLResolveInfo } from 'graphql';
import { listColumns, pageOf } from '../../common/listing';
import { Arg, Args, Ctx, FieldResolver, Float, ID, Mutation, ObjectType, Query, Resolver, Root, Info } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { orNotFound } from '../../common/errors';
import { parseId } from '../../common/filters';
import { M2_PER_MU } from '../../common/numeric';
import { Connection, PageArgs, toConnection } from '../../common/pagination';
import { canEditLand, requireUser } from '../../auth/policy';
import { Park, parkById } from '../park';
import { Parcel } from './parcel.entity';
import { ParcelFilter, UpdateParcelInput } from './parcel.inputs';
import { parcelById, parcelPagesByPark } from './parcel.loader';
import { ParcelService } from './parcel.service';

@ObjectType()
export class ParcelConnection extends Connection(Parcel) {}

@Resolver(() => Parcel)
export class ParcelResolver {
  @Query(() => Parcel, { description: 'One parcel by id; NOT_FOUND if it does not exist.' })
  parcel(@Arg('id', () => ID) id: string, @Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return orNotFound(parcelById(ctx).load(parseId('id', id)), 'Parcel', id);
  }

  @Query(() => ParcelConnection, { description: 'Parcels matching the filter, by ascending id.' })
  async parcels(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => ParcelFilter, { nullable: true }) filter: ParcelFilter | undefined, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    requireUser(ctx.user);
    return toConnection(await new ParcelService(ctx.db).list(filter, pageOf(page, info), listColumns(ctx.db, Parcel, info)));
  }

  @Mutation(() => Parcel, { description: 'Planner/admin: change a parcel (validated, audited).' })
  updateParcel(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateParcelInput) input: UpdateParcelInput, @Ctx() ctx: AtlasContext) {
    return new ParcelService(ctx.db).update(requireUser(ctx.user), parseId('id', id), input);
  }

  @FieldResolver(() => Float, { description: 'Geodesic area in 亩 (1 mu = 10000/15 m²).' })
  areaMu(@Root() p: Parcel) { return p.areaM2 / M2_PER_MU; }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may change it (updatePark/updateParcel apply the same rule).' })
  viewerCanEdit(@Ctx() ctx: AtlasContext) { return canEditLand(ctx.user); }

  @FieldResolver(() => Float, { description: 'Geodesic area in hectares.' })
  areaHectares(@Root() p: Parcel) { return p.areaM2 / 10000; }

  @FieldResolver(() => Park, { nullable: true, description: 'The park it lies in.' })
  park(@Root() p: Parcel, @Ctx() ctx: AtlasContext) { return p.parkId ? parkById(ctx).load(p.parkId) : null; }
}

/** Park.parcels: parcel.park_id is this module's foreign key, so it resolves both directions. */
@Resolver(() => Park)
export class ParkParcelsResolver {
  @FieldResolver(() => ParcelConnection, { description: 'Parcels in this park, by ascending id.' })
  async parcels(
    @Root() park: Park, @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ParcelFilter, { nullable: true }) filter: ParcelFilter | undefined, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo,
  ) {
    return toConnection(await parcelPagesByPark(ctx, pageOf(page, info), filter, listColumns(ctx.db, Parcel, info)).load(park.id));
  }
}
