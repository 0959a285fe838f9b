// SQL of the target module. A target's chain is the chain of its node; chain leaders are scoped by it.

/** Target statuses that close the pipeline: no next action can be overdue after them. */
export const CLOSED_STATUSES = `('signed', 'dropped')`;

/** The target's node lies on one of the chains in `chainIds` (an int[] placeholder); alias `t` is the target. */
export const ON_CHAINS = (chainIds: string) =>
  `EXISTS (SELECT 1 FROM chain_node n WHERE n.id = t.chain_node_id AND n.chain_id = ANY(${chainIds}::int[]))`;

/** The chain a target belongs to ($1: target id). */
export const CHAIN_OF_TARGET = `
  SELECT n.chain_id FROM target_enterprise t JOIN chain_node n ON n.id = t.chain_node_id WHERE t.id = $1`;
