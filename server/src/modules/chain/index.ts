export { Chain, ChainNode, ChainSegment, NodeStatus, GapAction } from './chain.entity';
export {
  ChainResolver, ChainNodeResolver, EnterpriseChainNodesResolver, EnterpriseChainNodeLinkResolver, OfficialChainsResolver,
  ChainConnection, EnterpriseChainNodeLink,
} from './chain.resolver';
export { ChainService } from './chain.service';
export { chainById, chainNodeById } from './chain.loader';
export { CHAIN_PROJECTIONS } from './chain.projection';
