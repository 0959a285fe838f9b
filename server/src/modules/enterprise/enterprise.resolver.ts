import type { GraphQLResolveInfo } from 'graphql';
import { listColumns, pageOf } from '../../common/listing';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root, Info } from 'type-graphql';
import { usccProblem as checkUscc } from '@atlas/db';
import type { AtlasContext } from '../../common/context';
import { orNotFound } from '../../common/errors';
import { parseId } from '../../common/filters';
import { Connection, PageArgs, toConnection, toPage } from '../../common/pagination';
import { requireUser } from '../../auth/policy';
import { Park } from '../park';
import { Region, regionById } from '../region';
import { Enterprise } from './enterprise.entity';
import { EnterpriseFilter } from './enterprise.inputs';
import { customersOf, enterpriseById, enterprisePageOf, parkOfEnterprise, suppliersOf } from './enterprise.loader';
import { EnterpriseService } from './enterprise.service';
import { PARK_LOCAL_ENTERPRISES } from './enterprise.sql';

@ObjectType()
export class EnterpriseConnection extends Connection(Enterprise) {}

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => Enterprise, { description: 'One enterprise by id; NOT_FOUND if it does not exist.' })
  enterprise(@Arg('id', () => ID) id: string, @Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return orNotFound(enterpriseById(ctx).load(parseId('id', id)), 'Enterprise', id);
  }

  @Query(() => EnterpriseConnection, { description: 'Enterprises (local and outside candidates) matching the filter, by ascending id.' })
  async enterprises(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | undefined, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    requireUser(ctx.user);
    return toConnection(await new EnterpriseService(ctx.db).list(filter, pageOf(page, info), listColumns(ctx.db, Enterprise, info)));
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The district or county of a local enterprise.' })
  region(@Root() e: Enterprise, @Ctx() ctx: AtlasContext) { return e.regionId ? regionById(ctx).load(e.regionId) : null; }

  @FieldResolver(() => Park, { nullable: true, description: 'The park whose boundary contains its location (the smallest, for 园中园).' })
  park(@Root() e: Enterprise, @Ctx() ctx: AtlasContext) { return parkOfEnterprise(ctx).load(e.id); }

  @FieldResolver(() => [Enterprise], { description: 'Its suppliers (enterprise_relation), by id.' })
  suppliers(@Root() e: Enterprise, @Ctx() ctx: AtlasContext) { return suppliersOf(ctx).load(e.id); }

  @FieldResolver(() => [Enterprise], { description: 'Its customers (enterprise_relation), by id.' })
  customers(@Root() e: Enterprise, @Ctx() ctx: AtlasContext) { return customersOf(ctx).load(e.id); }

  @FieldResolver(() => Boolean, { description: 'True when the USCC is present and its GB 32100-2015 check character is right.' })
  usccValid(@Root() e: Enterprise) { return e.uscc !== null && checkUscc(e.uscc) === null; }

  @FieldResolver(() => String, { nullable: true, description: 'What is wrong with the USCC (missing, wrong check character …), or null when it is valid.' })
  usccProblem(@Root() e: Enterprise) { return e.uscc === null ? 'no USCC recorded' : checkUscc(e.uscc); }
}

// The enterprise module resolves the park → enterprise direction too: park knows nothing of enterprises.
@Resolver(() => Park)
export class ParkEnterprisesResolver {
  @FieldResolver(() => EnterpriseConnection, { description: 'Local enterprises located inside the park boundary, by ascending id.' })
  enterprises(@Root() p: Park, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: AtlasContext) {
    return enterprisePageOf(ctx, 'park.enterprises', PARK_LOCAL_ENTERPRISES, toPage(page), p.id);
  }
}
