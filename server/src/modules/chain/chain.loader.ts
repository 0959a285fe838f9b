import type { AtlasContext } from '../../common/context';
import { notFound } from '../../common/errors';
import { byKey, groupByKey } from '../../common/loaders';
import { relatedEnterprises } from '../enterprise';
import type { Official } from '../official';
import type { Chain, ChainNode, GapAction, NodeStatus } from './chain.entity';
import { CHAIN_NODE_LOCAL_STATS, CHAIN_OWNER_PAIRS, CHAINS_BY_ID, CHAINS_LED_BY, CHILDREN_OF_NODES, ENTERPRISE_NODE_LINKS, NODES_BY_ID, NODES_OF_CHAINS } from './chain.sql';

/** A chain read by chainById: the entity's columns plus its leader's row (null when it has none). */
export type ChainWithLeader = Chain & { leader?: Official | null };

/** Chains by id, as plain rows in the entity's shape, each with its leader. */
export const chainById = (ctx: AtlasContext) =>
  ctx.loaders.get<number, ChainWithLeader | null>('chain.byId', async (ids) => byKey(ids, await ctx.db.query<ChainWithLeader[]>(CHAINS_BY_ID, [ids]), (c) => Number(c.id)));

/** Chain nodes by id, as plain rows in the entity's shape. */
export const chainNodeById = (ctx: AtlasContext) =>
  ctx.loaders.get<number, ChainNode | null>('chain_node.byId', async (ids) => byKey(ids, await ctx.db.query<ChainNode[]>(NODES_BY_ID, [ids]), (n) => Number(n.id)));

/** The nodes of each chain, ordered by segment then sort_order. */
export const nodesOfChain = (ctx: AtlasContext) =>
  ctx.loaders.get<number, ChainNode[]>('chain.nodes', async (ids) => {
    const rows = await ctx.db.query<(ChainNode & GapRow)[]>(NODES_OF_CHAINS, [ids]);
    // A chain's nodes are often asked for again as parents or by id, and their gap status always: seed those loaders.
    const byId = chainNodeById(ctx);
    const stats = nodeLocalStats(ctx);
    const nodes = rows.map(({ local_count, local_output, chain_present, status, gap_action, ...n }) => {
      byId.prime(n.id, n);
      stats.prime(n.id, gapOf({ local_count, local_output, chain_present, status, gap_action }));
      return n;
    });
    return groupByKey(ids, nodes, (n) => n.chainId);
  });

/** The child nodes of each node, ordered by segment then sort_order. */
export const childrenOfNode = (ctx: AtlasContext) =>
  ctx.loaders.get<number, ChainNode[]>('chain_node.children', async (ids) => {
    const nodes = await ctx.db.query<ChainNode[]>(CHILDREN_OF_NODES, [ids]);
    return groupByKey(ids, nodes, (n) => n.parentId as number);
  });

/** The chains each official leads as 链长. */
export const chainsLedBy = (ctx: AtlasContext) =>
  ctx.loaders.get<number, Chain[]>('official.chains', async (ids) => {
    const chains = await ctx.db.query<Chain[]>(CHAINS_LED_BY, [ids]);
    return groupByKey(ids, chains, (c) => c.leaderOfficialId as number);
  });

/** Each chain's 链主企业. */
export const ownersOfChain = (ctx: AtlasContext) => relatedEnterprises(ctx, 'chain.owners', CHAIN_OWNER_PAIRS);

/** A node's local presence and gap analysis (chain.sql.ts CHAIN_NODE_GAPS: the rule is the SQL's, for every path). */
export interface NodeLocalStats { localCount: number; localOutput: number; chainPresent: boolean; status: NodeStatus; gapAction: GapAction }

interface GapRow { local_count: number; local_output: number; chain_present: boolean; status: NodeStatus; gap_action: GapAction }

const gapOf = (r: GapRow): NodeLocalStats => ({
  localCount: r.local_count, localOutput: Number(r.local_output), chainPresent: r.chain_present, status: r.status, gapAction: r.gap_action,
});

/** Local enterprise count and output per node, with its gap status and action. */
export const nodeLocalStats = (ctx: AtlasContext) =>
  ctx.loaders.get<number, NodeLocalStats>('chain_node.localStats', async (ids) => {
    const rows = await ctx.db.query<(GapRow & { node_id: number })[]>(CHAIN_NODE_LOCAL_STATS, [ids]);
    // A node deleted since it was read has no figures left.
    return byKey(ids, rows, (r) => Number(r.node_id)).map((r, i) => (r ? gapOf(r) : notFound('ChainNode', ids[i])));
  });

export interface EnterpriseNodeLinkRow { enterpriseId: number; chainNodeId: number; output: number | null }

/** The enterprise_chain_node rows of each enterprise. */
export const nodeLinksOfEnterprise = (ctx: AtlasContext) =>
  ctx.loaders.get<number, EnterpriseNodeLinkRow[]>('enterprise.chainNodes', async (ids) => {
    const rows: { enterprise_id: number; chain_node_id: number; output: number | null }[] = await ctx.db.query(ENTERPRISE_NODE_LINKS, [ids]);
    const links = rows.map((r) => ({ enterpriseId: Number(r.enterprise_id), chainNodeId: Number(r.chain_node_id), output: r.output === null ? null : Number(r.output) }));
    return groupByKey(ids, links, (l) => l.enterpriseId);
  });
