import type { Projection } from '../../common/projection';
import { NUMERIC_VALUE } from '../../common/projection.sql';
import { Chain, ChainNode } from './chain.entity';

/**
 * Chain fields a compiled read answers in SQL (common/projection.ts), and Enterprise.chainNodes in the order of
 * ENTERPRISE_NODE_LINKS (chain, segment, sort order, node id). Computed node figures (status, counts) stay on the resolvers.
 */
export const CHAIN_PROJECTIONS: Projection[] = [
  { type: 'Chain', entity: Chain, columns: ['id', 'code', 'name', 'description', 'leadDepartment'] },
  { type: 'ChainNode', entity: ChainNode, columns: ['id', 'parentId', 'name', 'segment', 'sortOrder', 'inLocalPlan', 'benchmarkCount', 'benchmarkOutput'] },
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
];
