import { useT } from '../i18n';

interface Point { month: number; rate: number | null; target: number | null }

const W = 520, H = 200, PAD = { l: 40, r: 12, t: 12, b: 28 };
const x = (m: number) => PAD.l + ((m - 1) / 11) * (W - PAD.l - PAD.r);
const y = (v: number) => PAD.t + (1 - Math.min(v, 1.2) / 1.2) * (H - PAD.t - PAD.b);

/** Start rate at each month end (solid) against the year's target curve (dashed), 0–120%. */
export function StartRateChart({ points }: { points: Point[] }) {
  const t = useT();
  const line = (key: 'rate' | 'target') =>
    points.filter((p) => p[key] != null).map((p, i) => `${i ? 'L' : 'M'}${x(p.month).toFixed(1)},${y(p[key]!).toFixed(1)}`).join(' ');
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="start-rate-chart" role="img" aria-label={t('assess.startByMonth')} data-testid="start-rate-chart">
      {[0, 0.5, 1].map((v) => (
        <g key={v}>
          <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} className="grid" />
          <text x={PAD.l - 6} y={y(v) + 4} textAnchor="end" className="axis">{Math.round(v * 100)}%</text>
        </g>
      ))}
      {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
        <text key={m} x={x(m)} y={H - 8} textAnchor="middle" className="axis">{m}</text>
      ))}
      <path d={line('target')} className="target" />
      <path d={line('rate')} className="actual" />
      {points.filter((p) => p.rate != null).map((p) => (
        <circle key={p.month} cx={x(p.month)} cy={y(p.rate!)} r={3} className="actual-dot"><title>{`${p.month}: ${t.pct(p.rate)}`}</title></circle>
      ))}
      <g className="legend" transform={`translate(${PAD.l + 8}, ${PAD.t + 4})`}>
        <line x1={0} x2={18} y1={6} y2={6} className="actual" /><text x={22} y={10} className="axis">{t('assess.actual')}</text>
        <line x1={70} x2={88} y1={6} y2={6} className="target" /><text x={92} y={10} className="axis">{t('assess.targetCurve')}</text>
      </g>
    </svg>
  );
}
