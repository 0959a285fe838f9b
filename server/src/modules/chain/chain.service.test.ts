import { describe, expect, it } from 'vitest';
import { GapAction, NodeStatus } from './chain.entity';
import { gapAction, nodeStatus } from './chain.service';

const node = (benchmarkCount: number | null, benchmarkOutput: number | null, inLocalPlan = true) => ({ benchmarkCount, benchmarkOutput, inLocalPlan });

describe('chain gap rule', () => {
  it('grades against every benchmark that is set', () => {
    expect(nodeStatus(node(3, 1000), { localCount: 3, localOutput: 1000 })).toBe(NodeStatus.STRONG);
    expect(nodeStatus(node(3, 1000), { localCount: 2, localOutput: 5000 })).toBe(NodeStatus.WEAK);
    expect(nodeStatus(node(3, 1000), { localCount: 9, localOutput: 999 })).toBe(NodeStatus.WEAK);
    expect(nodeStatus(node(3, null), { localCount: 3, localOutput: 0 })).toBe(NodeStatus.STRONG);
    expect(nodeStatus(node(null, null), { localCount: 1, localOutput: 0 })).toBe(NodeStatus.STRONG);
    expect(nodeStatus(node(3, 1000), { localCount: 0, localOutput: 0 })).toBe(NodeStatus.MISSING);
    expect(nodeStatus(node(3, 1000, false), { localCount: 5, localOutput: 5000 })).toBe(NodeStatus.EXTEND);
  });

  it('maps status to 建链 / 补链 / 强链 / 延链', () => {
    expect(gapAction(NodeStatus.MISSING, true)).toBe(GapAction.FILL);
    expect(gapAction(NodeStatus.MISSING, false)).toBe(GapAction.BUILD);
    expect(gapAction(NodeStatus.WEAK, true)).toBe(GapAction.STRENGTHEN);
    expect(gapAction(NodeStatus.EXTEND, true)).toBe(GapAction.EXTEND);
    expect(gapAction(NodeStatus.STRONG, true)).toBe(GapAction.NONE);
  });
});
