import { Facts } from '../components/Facts';
import type { UnitAssessmentFacts_UnitFragment } from '../graphql/generated/graphql';
import { useT } from '../i18n';
import { hrefFor } from '../app/routes';
import './assessment.css';

/** A unit's targets, credited amounts, rates and rank this year (the district panel's 考核 section). */
export function UnitAssessmentFacts({ unit }: { unit: UnitAssessmentFacts_UnitFragment }) {
  const t = useT();
  const a = unit.assessment;
  const r = unit.rates;
  return (
    <section className="panel-section" data-testid="unit-assessment">
      <h3><a href={hrefFor('assessment')}>{t('nav.assessment')}</a> · {unit.name}</h3>
      {a ? (
        <Facts rows={[
          [t('assess.rank'), `${a.rank} / ${a.unitsRanked}`],
          [t('assess.target'), t.num(a.targetTotalYi)],
          [t('assess.credited'), `${t.num(a.creditedTotal)}${a.creditedHosted > 0 ? `（${t('assess.hosted')} ${t.num(a.creditedHosted)}）` : ''}`],
          [t('assess.completion'), t.pct(a.completionTotal)],
          [t('assess.foreign'), `${t.num(a.creditedForeign)} / ${t.num(a.targetForeign)}`],
          [t('assess.bigCount'), `${a.bigProjectCount} / ${a.targetCount}`],
          [t('assess.score'), t.num(a.score * 100, 1)],
          ...(r ? [
            [t('assess.fulfilment'), t.pct(r.fulfilmentRate)], [t('assess.start'), t.pct(r.startRate)],
            [t('assess.production'), t.pct(r.productionRate)], [t('assess.funds'), t.pct(r.fundsRate)],
          ] as [string, string][] : []),
        ]} />
      ) : <p className="muted">{t('assess.noTarget')}</p>}
    </section>
  );
}
