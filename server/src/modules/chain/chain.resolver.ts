import type { GraphQLResolveInfo } from 'graphql';
import { listColumns } from '../../common/listing';
import { Arg, Args, Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Query, Resolver, Root, Info } from 'type-graphql';
import type { AtlasContext } from '../../common/context';
import { orNotFound } from '../../common/errors';
import { parseId } from '../../common/filters';
import { Connection, PageArgs, toConnection, toPage } from '../../common/pagination';
import { requireUser } from '../../auth/policy';
import { Enterprise, EnterpriseConnection, enterprisePageOf } from '../enterprise';
import { Official, officialById } from '../official';
import { Chain, ChainNode, GapAction, NodeStatus } from './chain.entity';
import { ChainFilter } from './chain.inputs';
import { chainById, chainNodeById, type ChainWithLeader, chainsLedBy, childrenOfNode, nodeLinksOfEnterprise, nodeLocalStats, nodesOfChain, ownersOfChain } from './chain.loader';
import { ChainService } from './chain.service';
import { NODE_LOCAL_ENTERPRISES } from './chain.sql';

@ObjectType()
export class ChainConnection extends Connection(Chain) {}

@ObjectType({ description: 'An enterprise mapped to a chain node, with the output it attributes to that node.' })
export class EnterpriseChainNodeLink {
  chainNodeId: number;
  @Field(() => Float, { nullable: true, description: '万元/年 attributed to this node.' }) output: number | null;
}

@Resolver(() => Chain)
export class ChainResolver {
  @Query(() => Chain, { description: 'One chain by id; NOT_FOUND if it does not exist.' })
  chain(@Arg('id', () => ID) id: string, @Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return orNotFound(chainById(ctx).load(parseId('id', id)), 'Chain', id);
  }

  @Query(() => ChainConnection, { description: 'Industrial chains matching the filter, by ascending id.' })
  async chains(@Args(() => PageArgs) page: PageArgs, @Arg('filter', () => ChainFilter, { nullable: true }) filter: ChainFilter | undefined, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    requireUser(ctx.user);
    return toConnection(await new ChainService(ctx.db).list(filter, toPage(page), listColumns(ctx.db, Chain, info)));
  }

  @FieldResolver(() => Official, { nullable: true, description: '链长: the official who leads the chain.' })
  leader(@Root() c: ChainWithLeader, @Ctx() ctx: AtlasContext) {
    // chainById reads the leader with the chain; chains listed through TypeORM load it here.
    if (c.leader !== undefined) return c.leader;
    return c.leaderOfficialId ? officialById(ctx).load(c.leaderOfficialId) : null;
  }

  @FieldResolver(() => [Enterprise], { description: '链主企业: the local anchor enterprises.' })
  owners(@Root() c: Chain, @Ctx() ctx: AtlasContext) { return ownersOfChain(ctx).load(c.id); }

  @FieldResolver(() => [ChainNode], { description: 'All nodes, upstream → midstream → downstream, then by sort order.' })
  nodes(@Root() c: Chain, @Ctx() ctx: AtlasContext) { return nodesOfChain(ctx).load(c.id); }

  @FieldResolver(() => Int)
  async nodeCount(@Root() c: Chain, @Ctx() ctx: AtlasContext) { return (await nodesOfChain(ctx).load(c.id)).length; }
}

@Resolver(() => ChainNode)
export class ChainNodeResolver {
  @Query(() => ChainNode, { description: 'One chain node by id; NOT_FOUND if it does not exist.' })
  chainNode(@Arg('id', () => ID) id: string, @Ctx() ctx: AtlasContext) {
    requireUser(ctx.user);
    return orNotFound(chainNodeById(ctx).load(parseId('id', id)), 'ChainNode', id);
  }

  @FieldResolver(() => Chain)
  async chain(@Root() n: ChainNode, @Ctx() ctx: AtlasContext) { return orNotFound(chainById(ctx).load(n.chainId), 'Chain', n.chainId); }

  @FieldResolver(() => ChainNode, { nullable: true })
  parent(@Root() n: ChainNode, @Ctx() ctx: AtlasContext) { return n.parentId ? chainNodeById(ctx).load(n.parentId) : null; }

  @FieldResolver(() => [ChainNode])
  children(@Root() n: ChainNode, @Ctx() ctx: AtlasContext) { return childrenOfNode(ctx).load(n.id); }

  @FieldResolver(() => EnterpriseConnection, { description: 'Local enterprises mapped to this node, by ascending id.' })
  enterprises(@Root() n: ChainNode, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: AtlasContext) {
    return enterprisePageOf(ctx, 'chain_node.enterprises', NODE_LOCAL_ENTERPRISES, toPage(page), n.id);
  }

  @FieldResolver(() => Int, { description: 'Number of local enterprises mapped to this node.' })
  async localEnterpriseCount(@Root() n: ChainNode, @Ctx() ctx: AtlasContext) { return (await nodeLocalStats(ctx).load(n.id)).localCount; }

  @FieldResolver(() => Float, { description: 'Σ output (万元/年) the local enterprises attribute to this node.' })
  async localOutput(@Root() n: ChainNode, @Ctx() ctx: AtlasContext) { return (await nodeLocalStats(ctx).load(n.id)).localOutput; }

  @FieldResolver(() => NodeStatus, { description: 'STRONG / WEAK / MISSING against the benchmark; EXTEND when not in the local plan.' })
  async status(@Root() n: ChainNode, @Ctx() ctx: AtlasContext) { return (await nodeLocalStats(ctx).load(n.id)).status; }

  @FieldResolver(() => GapAction, { description: '建链 / 补链 / 强链 / 延链 for this node, or NONE.' })
  async gapAction(@Root() n: ChainNode, @Ctx() ctx: AtlasContext) { return (await nodeLocalStats(ctx).load(n.id)).gapAction; }
}

// enterprise_chain_node belongs to the chain module, so it resolves the enterprise → node direction too.
@Resolver(() => Enterprise)
export class EnterpriseChainNodesResolver {
  @FieldResolver(() => [EnterpriseChainNodeLink], { description: 'The chain nodes it is mapped to, with the output attributed to each.' })
  chainNodes(@Root() e: Enterprise, @Ctx() ctx: AtlasContext): Promise<EnterpriseChainNodeLink[]> { return nodeLinksOfEnterprise(ctx).load(e.id); }
}

@Resolver(() => EnterpriseChainNodeLink)
export class EnterpriseChainNodeLinkResolver {
  @FieldResolver(() => ChainNode)
  node(@Root() l: EnterpriseChainNodeLink, @Ctx() ctx: AtlasContext) { return orNotFound(chainNodeById(ctx).load(l.chainNodeId), 'ChainNode', l.chainNodeId); }
}

// chain.leader_official_id is the chain's foreign key, so official → chains is resolved here.
@Resolver(() => Official)
export class OfficialChainsResolver {
  @FieldResolver(() => [Chain], { description: 'The chains this official leads as 链长.' })
  chains(@Root() o: Official, @Ctx() ctx: AtlasContext) { return chainsLedBy(ctx).load(o.id); }
}
