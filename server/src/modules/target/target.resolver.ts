import type { GraphQLResolveInfo } from 'graphql';
import { listColumns } from '../../common/listing';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root, Info } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { orNotFound } from '../../common/errors';
import { parseId } from '../../common/filters';
import { LocalDateScalar } from '../../common/local-date.scalar';
import { Connection, PageArgs, toConnection, toPage } from '../../common/pagination';
import { requireUser } from '../../auth/policy';
import { ChainNode, chainNodeById } from '../chain';
import { Enterprise, enterpriseById } from '../enterprise';
import { Official, officialById } from '../official';
import { TargetActivity, TargetEnterprise } from './target.entity';
import { TargetFilter } from './target.inputs';
import { activitiesOfTarget, targetsOfEnterprise, targetsOfNode } from './target.loader';
import { todayInChina } from '../../common/dates';
import { isOverdue, TargetService } from './target.service';

@ObjectType()
export class TargetEnterpriseConnection extends Connection(TargetEnterprise) {}

@Resolver(() => TargetEnterprise)
export class TargetEnterpriseResolver {
  @Query(() => TargetEnterprise, { description: 'One target; NOT_FOUND if it does not exist; FORBIDDEN for a chain leader when it is on a chain they do not lead.' })
  targetEnterprise(@Arg('id', () => ID) id: string, @Ctx() ctx: AtlasContext) {
    return new TargetService(ctx.db).get(requireUser(ctx.user), parseId('id', id));
  }

  @Query(() => TargetEnterpriseConnection, { description: 'Targets matching the filter, by ascending id; a chain leader sees only the chains they lead.' })
  async targetEnterprises(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => TargetFilter, { nullable: true }) filter: TargetFilter | undefined, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    const user = requireUser(ctx.user);
    return toConnection(await new TargetService(ctx.db).list(user, filter, toPage(page), listColumns(ctx.db, TargetEnterprise, info)));
  }

  @FieldResolver(() => Enterprise, { description: 'The outside enterprise being recruited.' })
  enterprise(@Root() t: TargetEnterprise, @Ctx() ctx: AtlasContext) { return orNotFound(enterpriseById(ctx).load(t.enterpriseId), 'Enterprise', t.enterpriseId); }

  @FieldResolver(() => ChainNode, { description: 'The gap node it is meant to fill.' })
  chainNode(@Root() t: TargetEnterprise, @Ctx() ctx: AtlasContext) { return orNotFound(chainNodeById(ctx).load(t.chainNodeId), 'ChainNode', t.chainNodeId); }

  @FieldResolver(() => Official, { nullable: true, description: 'The official who owns the recruitment.' })
  owner(@Root() t: TargetEnterprise, @Ctx() ctx: AtlasContext) { return t.ownerOfficialId ? officialById(ctx).load(t.ownerOfficialId) : null; }

  @FieldResolver(() => [TargetActivity], { description: 'Visits, meetings and calls, oldest first.' })
  activities(@Root() t: TargetEnterprise, @Ctx() ctx: AtlasContext) { return activitiesOfTarget(ctx).load(t.id); }

  @FieldResolver(() => Boolean, { description: 'The next action was due before asOf (default: today, China time) and the target is neither signed nor dropped.' })
  isOverdue(@Root() t: TargetEnterprise, @Arg('asOf', () => LocalDateScalar, { nullable: true }) asOf: string | undefined) {
    return isOverdue(t, asOf ?? todayInChina());
  }
}

// target_enterprise holds the foreign keys, so the target module resolves enterprise → targets and node → targets.
@Resolver(() => Enterprise)
export class EnterpriseTargetsResolver {
  @FieldResolver(() => [TargetEnterprise], { description: 'Where this enterprise is a recruitment target (a chain leader sees only their chains).' })
  targets(@Root() e: Enterprise, @Ctx() ctx: AtlasContext) { return targetsOfEnterprise(ctx).load(e.id); }
}

@Resolver(() => ChainNode)
export class ChainNodeTargetsResolver {
  @FieldResolver(() => [TargetEnterprise], { description: 'Target enterprises chosen for this node (a chain leader sees only their chains).' })
  targets(@Root() n: ChainNode, @Ctx() ctx: AtlasContext) { return targetsOfNode(ctx).load(n.id); }
}
