import type { Projection } from '../../common/projection';
import { ENUM_VALUE, NUMERIC_VALUE } from '../../common/projection.sql';
import { Chain, ChainNode } from './chain.entity';
import { applyChainFilter } from './chain.service';
import { CHAIN_NODE_GAPS } from './chain.sql';

/** The columns a chain's nodes carry when read with their gap analysis (Chain.nodes): CHAIN_NODE_GAPS. */
const GAP = 'chain node gap analysis';

/**
 * Chain fields a compiled read answers in SQL (common/projection.ts), and Enterprise.chainNodes in the order of
 * ENTERPRISE_NODE_LINKS (chain, segment, sort order, node id). A chain's nodes are read with their gap analysis
 * (CHAIN_NODE_GAPS, the statement the loaders read), so their figures and status compile there; nodes reached
 * otherwise (a project's, an enterprise's) leave those fields to the resolvers.
 */
export const CHAIN_PROJECTIONS: Projection[] = [
  {
    type: 'Chain', entity: Chain, columns: ['id', 'code', 'name', 'description', 'leadDepartment'],
    fields: {
      leader: { kind: 'object', type: 'Official', table: 'official', on: (c, o) => `${o}.id = ${c}.leader_official_id` },
      nodes: { kind: 'list', type: 'ChainNode', from: (c) => `${CHAIN_NODE_GAPS(`n.chain_id = ${c}.id`)} t`, orderBy: 't.segment, t.sort_order, t.id', provides: GAP },
    },
  },
  {
    type: 'ChainNode', entity: ChainNode, columns: ['id', 'parentId', 'name', 'segment', 'sortOrder', 'inLocalPlan', 'benchmarkCount', 'benchmarkOutput'],
    fields: {
      localEnterpriseCount: { kind: 'value', sql: (n) => `${n}.local_count`, requires: GAP },
      localOutput: { kind: 'value', sql: (n) => `${n}.local_output`, requires: GAP },
      status: { kind: 'value', sql: (n) => ENUM_VALUE(`${n}.status`), requires: GAP },
      gapAction: { kind: 'value', sql: (n) => ENUM_VALUE(`${n}.gap_action`), requires: GAP },
    },
  },
  {
    type: 'EnterpriseChainNodeLink',
    fields: {
      output: { kind: 'value', sql: (l) => NUMERIC_VALUE(`${l}.output`) },
      node: { kind: 'object', type: 'ChainNode', table: 'chain_node', on: (l, n) => `${n}.id = ${l}.chain_node_id` },
    },
  },
  {
    type: 'Enterprise',
    fields: {
      chainNodes: {
        kind: 'list', type: 'EnterpriseChainNodeLink', from: 'enterprise_chain_node t JOIN chain_node n ON n.id = t.chain_node_id',
        where: (e) => `t.enterprise_id = ${e}.id`, orderBy: 'n.chain_id, n.segment, n.sort_order, n.id',
      },
    },
  },
  {
    type: 'Query',
    fields: {
      chain: { kind: 'byId', type: 'Chain', table: 'chain' },
      chains: { kind: 'connection', type: 'Chain', table: 'chain', filter: applyChainFilter },
    },
  },
];
