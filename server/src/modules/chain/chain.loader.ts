import { In } from 'typeorm';
import type { AtlasContext } from '../../common/context';
import { byKey, groupByKey } from '../../common/loaders';
import { entityLoader } from '../../common/listing';
import { relatedEnterprises } from '../enterprise';
import { Chain, ChainNode } from './chain.entity';
import { CHAIN_NODE_LOCAL_STATS, CHAIN_OWNER_PAIRS, ENTERPRISE_NODE_LINKS, NODES_OF_CHAINS } from './chain.sql';

export const chainById = (ctx: AtlasContext) => entityLoader(ctx, 'chain', Chain);
export const chainNodeById = (ctx: AtlasContext) => entityLoader(ctx, 'chain_node', ChainNode);

// Upstream → midstream → downstream follows the chain_segment enum order; sort_order orders within a segment.
const NODE_ORDER = { segment: 'ASC', sortOrder: 'ASC', id: 'ASC' } as const;

/** The nodes of each chain, ordered by segment then sort_order. */
export const nodesOfChain = (ctx: AtlasContext) =>
  ctx.loaders.get<number, ChainNode[]>('chain.nodes', async (ids) => {
    // Plain rows in the entity's shape: a chain page reads every node, and hydrating entities cost more than the query.
    const nodes = await ctx.db.query<ChainNode[]>(NODES_OF_CHAINS, [ids]);
    // A chain's nodes are often asked for again as parents or by id: seed the by-id loader instead of reading them twice.
    const byId = chainNodeById(ctx);
    for (const n of nodes) byId.prime(n.id, n);
    return groupByKey(ids, nodes, (n) => n.chainId);
  });

/** The child nodes of each node, ordered by segment then sort_order. */
export const childrenOfNode = (ctx: AtlasContext) =>
  ctx.loaders.get<number, ChainNode[]>('chain_node.children', async (ids) => {
    const nodes = await ctx.db.getRepository(ChainNode).find({ where: { parentId: In([...ids]) }, order: NODE_ORDER });
    return groupByKey(ids, nodes, (n) => n.parentId as number);
  });

/** The chains each official leads as 链长. */
export const chainsLedBy = (ctx: AtlasContext) =>
  ctx.loaders.get<number, Chain[]>('official.chains', async (ids) => {
    const chains = await ctx.db.getRepository(Chain).find({ where: { leaderOfficialId: In([...ids]) }, order: { id: 'ASC' } });
    return groupByKey(ids, chains, (c) => c.leaderOfficialId as number);
  });

/** Each chain's 链主企业. */
export const ownersOfChain = (ctx: AtlasContext) => relatedEnterprises(ctx, 'chain.owners', CHAIN_OWNER_PAIRS);

export interface NodeLocalStats { localCount: number; localOutput: number; chainPresent: boolean }

/** Local enterprise count and output per node, for the gap analysis. */
export const nodeLocalStats = (ctx: AtlasContext) =>
  ctx.loaders.get<number, NodeLocalStats>('chain_node.localStats', async (ids) => {
    const rows: { node_id: number; local_count: number; local_output: number; chain_present: boolean }[] = await ctx.db.query(CHAIN_NODE_LOCAL_STATS, [ids]);
    return byKey(ids, rows, (r) => Number(r.node_id)).map((r) => ({
      localCount: r?.local_count ?? 0, localOutput: Number(r?.local_output ?? 0), chainPresent: r?.chain_present ?? false,
    }));
  });

export interface EnterpriseNodeLinkRow { enterpriseId: number; chainNodeId: number; output: number | null }

/** The enterprise_chain_node rows of each enterprise. */
export const nodeLinksOfEnterprise = (ctx: AtlasContext) =>
  ctx.loaders.get<number, EnterpriseNodeLinkRow[]>('enterprise.chainNodes', async (ids) => {
    const rows: { enterprise_id: number; chain_node_id: number; output: number | null }[] = await ctx.db.query(ENTERPRISE_NODE_LINKS, [ids]);
    const links = rows.map((r) => ({ enterpriseId: Number(r.enterprise_id), chainNodeId: Number(r.chain_node_id), output: r.output === null ? null : Number(r.output) }));
    return groupByKey(ids, links, (l) => l.enterpriseId);
  });
