import dagre from '@dagrejs/dagre';
import { useMemo } from 'react';
import type { ChainPageQuery } from '../graphql/generated/graphql';
import { useT } from '../i18n';
import { key, STATUS_COLOR, STATUS_FILL } from './chainLabels';

type GraphNode = NonNullable<ChainPageQuery['chain']>['nodes'][number];

const NODE_W = 178;
const NODE_H = 70;
const COLUMN_GAP = 56;
const PAD = 16;
const HEADER = 30;
const SEGMENTS = ['UPSTREAM', 'MIDSTREAM', 'DOWNSTREAM'] as const;

interface Placed { node: GraphNode; x: number; y: number }
interface Layout { placed: Placed[]; columns: { segment: string; x0: number; x1: number }[]; width: number; height: number }

/**
 * Lays the chain out with dagre (parent → child, left to right), then pulls the nodes of each segment into its own
 * column band so 上游 / 中游 / 下游 read as columns while dagre keeps edge crossings low within and across them.
 */
function layout(nodes: GraphNode[]): Layout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 46, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: NODE_W, height: NODE_H });
  for (const n of nodes) if (n.parentId && nodes.some((p) => p.id === n.parentId)) g.setEdge(n.parentId, n.id);
  dagre.layout(g);
  const raw = nodes.map((node) => ({ node, x: g.node(node.id).x, y: g.node(node.id).y }));
  const minY = Math.min(...raw.map((p) => p.y));
  const placed: Placed[] = [];
  const columns: Layout['columns'] = [];
  let cursor = PAD;
  for (const segment of SEGMENTS) {
    const inSeg = raw.filter((p) => p.node.segment === segment);
    if (inSeg.length === 0) continue;
    const xs = [...new Set(inSeg.map((p) => Math.round(p.x)))].sort((a, b) => a - b);
    // Each distinct dagre rank inside the segment becomes a sub-column, packed left to right.
    const sub = new Map(xs.map((x, i) => [x, i]));
    for (const p of inSeg) placed.push({ node: p.node, x: cursor + sub.get(Math.round(p.x))! * (NODE_W + 24), y: HEADER + PAD + (p.y - minY) });
    const x1 = cursor + xs.length * (NODE_W + 24) - 24;
    columns.push({ segment, x0: cursor - PAD / 2, x1: x1 + PAD / 2 });
    cursor = x1 + COLUMN_GAP;
  }
  const width = cursor - COLUMN_GAP + PAD;
  const height = Math.max(...placed.map((p) => p.y)) + NODE_H / 2 + PAD + NODE_H / 2;
  return { placed, columns, width, height };
}

interface Props {
  nodes: GraphNode[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** The chain as a graph: columns 上游 / 中游 / 下游, edges parent → child, nodes coloured 强 / 弱 / 缺 / 延. */
export function ChainGraph({ nodes, selectedId, onSelect }: Props) {
  const t = useT();
  const l = useMemo(() => layout(nodes), [nodes]);
  const at = new Map(l.placed.map((p) => [p.node.id, p]));
  return (
    <svg className="chain-graph" width={l.width} height={l.height} viewBox={`0 0 ${l.width} ${l.height}`} role="group" aria-label={t('chain.graph.label')} data-testid="chain-graph">
      <defs>
        <marker id="chain-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#90a4ae" />
        </marker>
      </defs>
      {l.columns.map((c) => (
        <g key={c.segment} data-testid={`segment-${c.segment}`}>
          <rect x={c.x0} y={4} width={c.x1 - c.x0} height={l.height - 8} rx={10} fill="#f6f8fa" stroke="#e3e8ee" />
          <text x={(c.x0 + c.x1) / 2} y={22} textAnchor="middle" className="chain-segment-label">{t(key('chain.segment', c.segment))}</text>
        </g>
      ))}
      {l.placed.filter((p) => p.node.parentId && at.has(p.node.parentId)).map((p) => {
        const from = at.get(p.node.parentId!)!;
        const x1 = from.x + NODE_W;
        const y1 = from.y;
        const x2 = p.x;
        const y2 = p.y;
        const backwards = x2 <= x1;
        const d = backwards
          ? `M ${from.x + NODE_W / 2} ${y1 + NODE_H / 2} C ${from.x + NODE_W / 2} ${y1 + NODE_H}, ${x2 + NODE_W / 2} ${y2 - NODE_H}, ${x2 + NODE_W / 2} ${y2 - NODE_H / 2}`
          : `M ${x1} ${y1} C ${x1 + 30} ${y1}, ${x2 - 30} ${y2}, ${x2} ${y2}`;
        return <path key={`${from.node.id}-${p.node.id}`} d={d} fill="none" stroke="#90a4ae" strokeWidth={1.4} markerEnd="url(#chain-arrow)" />;
      })}
      {l.placed.map(({ node, x, y }) => {
        const status = node.status;
        const selected = node.id === selectedId;
        return (
          <g key={node.id} transform={`translate(${x}, ${y - NODE_H / 2})`} className="chain-node" role="button" tabIndex={0}
            aria-label={`${node.name} ${t(key('chain.statusLong', status))}`} aria-pressed={selected}
            onClick={() => onSelect(node.id)} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(node.id); } }}
            data-testid="chain-node" data-node-id={node.id} data-status={status}>
            <rect width={NODE_W} height={NODE_H} rx={8} fill={STATUS_FILL[status]} stroke={selected ? '#1f2933' : STATUS_COLOR[status]}
              strokeWidth={selected ? 3 : 1.6} strokeDasharray={status === 'EXTEND' ? '5 3' : undefined} />
            <rect width={26} height={NODE_H} rx={8} fill={STATUS_COLOR[status]} />
            <text x={13} y={NODE_H / 2 + 5} textAnchor="middle" className="chain-node-status">{t(key('chain.status', status))}</text>
            <text x={34} y={20} className="chain-node-name">{node.name}</text>
            <text x={34} y={38} className="chain-node-meta">{t('chain.node.local', { n: node.localEnterpriseCount, b: node.benchmarkCount ?? '—' })}</text>
            <text x={34} y={54} className="chain-node-meta">{t('chain.node.output', { v: t.num(node.localOutput, 0), b: node.benchmarkOutput != null ? t.num(node.benchmarkOutput, 0) : '—' })}</text>
            {node.gapAction !== 'NONE' && (
              <text x={NODE_W - 6} y={20} textAnchor="end" className="chain-node-action" fill={STATUS_COLOR[status]}>{t(key('chain.action', node.gapAction))}</text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
