import type { AssessmentPage_ScoreFragment } from '../graphql/generated/graphql';
import { useT } from '../i18n';

/**
 * The ranking table of one kind of unit, shared by the dashboard and the printable report: the same columns and
 * figures; on the dashboard (onDrill given) a unit and its credited amount open the drill-down and completion is a bar.
 */
export function RankingTable({ rows, bottom = [], onDrill, className }: {
  rows: AssessmentPage_ScoreFragment[]; bottom?: string[]; onDrill?: (s: AssessmentPage_ScoreFragment) => void; className: string;
}) {
  const t = useT();
  const bottomSet = new Set(bottom);
  const drill = (s: AssessmentPage_ScoreFragment, label: string, id: string) =>
    onDrill ? <button type="button" className="link" onClick={() => onDrill(s)} data-testid={id}>{label}</button> : label;
  return (
    <table className={className}>
      <thead>
        <tr><th>{t('assess.rank')}</th><th>{t('assess.unit')}</th><th>{t('assess.target')}</th><th>{t('assess.credited')}</th><th>{t('assess.completion')}</th>
          <th>{t('assess.foreign')}</th><th>{t('assess.bigCount')}</th><th>{t('assess.score')}</th></tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.unit.id} className={onDrill && bottomSet.has(s.unit.name) ? 'bottom-three' : undefined} data-testid="ranking-row">
            <td>{s.rank}</td>
            <td>{drill(s, s.unit.name, 'ranking-unit')}</td>
            <td className="num">{t.num(s.targetTotalYi, 2)}</td>
            <td className="num">
              {drill(s, t.num(s.creditedTotal), 'ranking-credited')}
              {onDrill && s.creditedHosted > 0 && <div className="muted small">{t('assess.hosted')} {t.num(s.creditedHosted)}</div>}
            </td>
            <td>{onDrill ? <CompletionBar ratio={s.completionTotal} /> : t.pct(s.completionTotal)}</td>
            <td className="num">{t.num(s.creditedForeign)} / {t.num(s.targetForeign)}</td>
            <td className="num">{s.bigProjectCount} / {s.targetCount}</td>
            <td className="num" data-testid="ranking-score">{t.num(s.score * 100, 1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Completion against target, uncapped: the bar fills at 100% and the number says how far beyond. */
function CompletionBar({ ratio }: { ratio: number | null | undefined }) {
  const t = useT();
  const pct = Math.max(0, Math.min(1, ratio ?? 0)) * 100;
  return (
    <div className="completion" title={t.pct(ratio)}>
      <div className="bar"><div className={`fill${(ratio ?? 0) >= 1 ? ' done' : ''}`} style={{ width: `${pct}%` }} /></div>
      <span className="small">{t.pct(ratio)}</span>
    </div>
  );
}
