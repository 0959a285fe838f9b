import type { DataSource } from 'typeorm';
import { listPage } from '../../common/listing';
import type { Page } from '../../common/pagination';
import { likePattern, SqlBuilder } from '../../common/sql-builder';
import { Chain, GapAction, NodeStatus, type ChainNode } from './chain.entity';
import type { ChainFilter } from './chain.inputs';
import type { NodeLocalStats } from './chain.loader';
import { CHAIN_TEXT_MATCH } from './chain.sql';

/**
 * Gap status of a chain node (DOMAIN.md "Chain gap analysis"). The exact rule, in order:
 * 1. inLocalPlan = false → EXTEND (延链), whatever exists locally;
 * 2. no local enterprise mapped (count 0) → MISSING;
 * 3. STRONG when every benchmark that is set is met: count ≥ benchmarkCount and, when benchmarkOutput
 *    is set, output ≥ benchmarkOutput (a node with no benchmark is STRONG once present);
 * 4. otherwise WEAK (present, but short of a benchmark).
 */
export function nodeStatus(node: Pick<ChainNode, 'inLocalPlan' | 'benchmarkCount' | 'benchmarkOutput'>, s: Pick<NodeLocalStats, 'localCount' | 'localOutput'>): NodeStatus {
  if (!node.inLocalPlan) return NodeStatus.EXTEND;
  if (s.localCount === 0) return NodeStatus.MISSING;
  const countMet = node.benchmarkCount === null || s.localCount >= node.benchmarkCount;
  const outputMet = node.benchmarkOutput === null || s.localOutput >= node.benchmarkOutput;
  return countMet && outputMet ? NodeStatus.STRONG : NodeStatus.WEAK;
}

/** 补链 for missing (建链 when the whole chain is absent locally), 强链 for weak, 延链 beyond the plan. */
export function gapAction(status: NodeStatus, chainPresent: boolean): GapAction {
  switch (status) {
    case NodeStatus.EXTEND: return GapAction.EXTEND;
    case NodeStatus.MISSING: return chainPresent ? GapAction.FILL : GapAction.BUILD;
    case NodeStatus.WEAK: return GapAction.STRENGTHEN;
    default: return GapAction.NONE;
  }
}

/** Industrial chains: listing, and the gap analysis of their nodes. */
export class ChainService {
  constructor(private readonly db: DataSource) {}

  list(filter: ChainFilter | undefined, page: Page, columns?: string[]) {
    const b = new SqlBuilder();
    const text = filter?.text?.trim();
    if (text) {
      const p = b.param(likePattern(text));
      b.and(CHAIN_TEXT_MATCH(p));
    }
    return listPage(this.db, Chain, 'chain', b, page, columns);
  }
}
