export { TargetEnterprise, TargetActivity, TargetStatus, ActivityKind } from './target.entity';
export { TargetFilter } from './target.inputs';
export { TargetEnterpriseResolver, EnterpriseTargetsResolver, ChainNodeTargetsResolver, TargetEnterpriseConnection } from './target.resolver';
export { TargetService, targetChainScope, isOverdue } from './target.service';
export { visibleTargetById } from './target.loader';
export { CALLER_SEES_TARGETS_OF } from './target.sql';
