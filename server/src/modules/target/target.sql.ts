// SQL of the target module. A target's chain is the chain of its node; chain leaders are scoped by it.

/** Target statuses that close the pipeline: no next action can be overdue after them. */
export const CLOSED_STATUSES = `('signed', 'dropped')`;

/** The target's node lies on one of the chains in `chainIds` (an int[] placeholder); alias `t` is the target. */
export const ON_CHAINS = (chainIds: string) =>
  `EXISTS (SELECT 1 FROM chain_node n WHERE n.id = t.chain_node_id AND n.chain_id = ANY(${chainIds}::int[]))`;

/**
 * Does chain `chain` lie in the caller's target scope (targetChainScope: a chain leader sees the targets of the chains
 * they lead, everyone else all)? `caller` is the relation of a compiled read (id, role, chain_ids).
 */
export const CALLER_SEES_TARGETS_OF = (chain: string, caller: string) =>
  `NOT EXISTS (SELECT 1 FROM ${caller} u WHERE u.role = 'chain_leader' AND NOT ${chain} = ANY(u.chain_ids))`;

/** The chain a target belongs to ($1: target id). */
export const CHAIN_OF_TARGET = `
  SELECT n.chain_id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE t.id = $1`;

// Filter clauses (t: the listed table), each with its $n placeholders passed in from SqlBuilder.param.
/** Targets on one chain node. */
export const TARGET_ON_NODE = (p: string) => `t.chain_node_id = ${p}`;
/** Status is one of the given. */
export const TARGET_STATUS_IN = (p: string) => `t.status = ANY(${p}::target_status[])`;
/** Next action due before a date and not closed. */
export const TARGET_OVERDUE = (p: string) => `t.next_action_due < ${p}::date AND t.status NOT IN ${CLOSED_STATUSES}`;
/** Owned by one official. */
export const TARGET_OWNED_BY = (p: string) => `t.owner_official_id = ${p}`;
