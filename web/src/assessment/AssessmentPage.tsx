import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Header } from '../components/Header';
import {
  AssessmentCohortQueryDocument, AssessmentCreditLinesQueryDocument, AssessmentPageQueryDocument, AssessmentWorkbookQueryDocument,
  type AssessmentPage_ScoreFragment, type RateGroup,
} from '../graphql/generated/graphql';
import { useAtlasConfig } from '../hooks/useAtlasConfig';
import { useT } from '../i18n';
import { errorMessage } from '../app/apolloClient';
import { hrefFor, navigate, type PageProps } from '../app/routes';
import { downloadBase64, todayInChina } from './download';
import { StartRateChart } from './StartRateChart';
import { RankingReport } from './RankingReport';
import { RankingTable } from './RankingTable';
import { RevisionSection } from './RevisionSection';
import './assessment.css';

type Drill = { kind: 'credit'; unitId: string; name: string } | { kind: 'cohort'; groupBy: RateGroup; groupId: string | null; name: string };

/** 考核 dashboard: rankings of districts and departments, the four rates, start rate by month, back-dated funds, drill-downs. */
export function AssessmentPage({ viewer, onSignOut, params }: PageProps) {
  const { config } = useAtlasConfig();
  if (params[0] === 'print') return <RankingReport asOf={params[1] ?? todayInChina()} />;
  return (
    <div className="assessment-page">
      <Header viewer={viewer} demo={config?.demo ?? false} onSignOut={onSignOut} />
      <AssessmentBody canConfigure={viewer.role === 'ADMIN'} />
    </div>
  );
}

function AssessmentBody({ canConfigure }: { canConfigure: boolean }) {
  const t = useT();
  const client = useApolloClient();
  const [asOf, setAsOf] = useState(todayInChina);
  const [quarter, setQuarter] = useState<number | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const year = Number(asOf.slice(0, 4));
  const period = quarter ? { year, quarter } : { year };
  // Always asked again on opening: a configuration change takes effect on the next query.
  const { data, loading, error } = useQuery(AssessmentPageQueryDocument, { variables: { year, asOf, period }, fetchPolicy: 'cache-and-network' });
  const r = data?.assessmentRanking;
  const city = data?.city[0];
  const periodLabel = quarter ? t('assess.period.q', { q: quarter }) : t('assess.period.year');

  const exportXlsx = async () => {
    const res = await client.query({ query: AssessmentWorkbookQueryDocument, variables: { year, asOf }, fetchPolicy: 'network-only' });
    if (res.data) downloadBase64(res.data.assessmentWorkbook);
  };

  return (
    <main className="assessment-main">
      <div className="assessment-toolbar">
        <h1>{t('assess.title')} · {year}</h1>
        <label>{t('assess.asOf')} <input type="date" value={asOf} onChange={(e) => e.target.value && setAsOf(e.target.value)} data-testid="assess-as-of" /></label>
        <label>{t('assess.period')}{' '}
          <select value={quarter ?? ''} onChange={(e) => setQuarter(e.target.value ? Number(e.target.value) : null)} data-testid="assess-period">
            <option value="">{t('assess.period.year')}</option>
            {[1, 2, 3, 4].map((q) => <option key={q} value={q}>{t('assess.period.q', { q })}</option>)}
          </select>
        </label>
        <button type="button" className="btn secondary" onClick={() => void exportXlsx()} data-testid="assess-export">{t('assess.export')}</button>
        <a className="btn secondary" href={hrefFor('assessment', 'print', asOf)} data-testid="assess-print">{t('assess.print')}</a>
        {canConfigure && <a className="btn secondary" href={hrefFor('assessment-config')} data-testid="assess-configure">{t('assess.configure')}</a>}
        {loading && <span className="muted" data-testid="assess-loading">{t('assess.loading')}</span>}
      </div>
      {error && <p className="error" role="alert">{/NOT_FOUND|not configured/.test(errorMessage(error)) ? t('assess.noTarget') : errorMessage(error)}</p>}
      {r && (
        <>
          <p className="muted small" data-testid="assess-rules">{t('assess.rules', {
            host: t.pct(r.rule.hostShare), wt: t.pct(r.rule.weightTotal), wf: t.pct(r.rule.weightForeign), wc: t.pct(r.rule.weightCount), threshold: t.num(r.rule.bigProjectThreshold),
          })}</p>
          <div className="assessment-grid">
            <RankingSection title={t('assess.districts')} rows={r.districts} bottom={r.bottomDistricts.map((b) => b.unit.name)} testId="ranking-districts"
              onDrill={(s) => setDrill({ kind: 'credit', unitId: s.unit.id, name: s.unit.name })} />
            <RankingSection title={t('assess.departments')} rows={r.departments} bottom={r.bottomDepartments.map((b) => b.unit.name)} testId="ranking-departments"
              onDrill={(s) => setDrill({ kind: 'credit', unitId: s.unit.id, name: s.unit.name })} />
          </div>
        </>
      )}
      {r && <RevisionSection year={year} asOf={asOf} />}
      {drill && <DrillDown drill={drill} year={year} asOf={asOf} period={period} onClose={() => setDrill(null)} />}
      {data && city && (
        <section className="assessment-card" data-testid="assess-rates">
          <h2>{t('assess.rates', { period: periodLabel, asOf })}</h2>
          <div className="rate-cards">
            {([['assess.fulfilment', city.fulfilmentRate, city.fulfilled], ['assess.start', city.startRate, city.started], ['assess.production', city.productionRate, city.producing],
              ['assess.funds', city.fundsRate, null]] as const).map(([key, rate, n]) => (
              <button type="button" key={key} className="rate-card" data-testid={`rate-${key.split('.')[1]}`}
                onClick={() => setDrill({ kind: 'cohort', groupBy: 'CITY', groupId: null, name: t(key) })}>
                <span className="rate-value">{t.pct(rate)}</span>
                <span className="rate-label">{t(key)}</span>
                <span className="muted small">{n === null ? `${t.wanYuan(city.fundsInPlace)} / ${t.wanYuan(city.agreed)}` : `${n} / ${t('assess.cohortOf', { n: city.cohort })}`}</span>
              </button>
            ))}
          </div>
          <details>
            <summary>{t('assess.byUnit')}</summary>
            <table className="data-table">
              <thead><tr><th>{t('assess.unit')}</th><th>n</th><th>{t('assess.fulfilment')}</th><th>{t('assess.start')}</th><th>{t('assess.production')}</th><th>{t('assess.funds')}</th></tr></thead>
              <tbody>
                {data.byUnit.map((u) => (
                  <tr key={u.groupId ?? ''}>
                    <td><button type="button" className="link" onClick={() => setDrill({ kind: 'cohort', groupBy: 'UNIT', groupId: u.groupId ?? null, name: u.unit?.name ?? '' })}>{u.unit?.name}</button></td>
                    <td>{u.cohort}</td><td>{t.pct(u.fulfilmentRate)}</td><td>{t.pct(u.startRate)}</td><td>{t.pct(u.productionRate)}</td><td>{t.pct(u.fundsRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>
      )}
      {data && (
        <div className="assessment-grid">
          <section className="assessment-card">
            <h2>{t('assess.startByMonth')}</h2>
            <StartRateChart points={data.startRateByMonth} />
          </section>
          <section className="assessment-card" data-testid="assess-backdated">
            <h2>{t('assess.backdated', { days: r?.rule.backdateDays ?? '' })}</h2>
            {data.backdatedFundArrivals.length === 0 ? <p className="muted">{t('assess.noBackdated')}</p> : (
              <ul className="plain-list">
                {data.backdatedFundArrivals.slice(0, 20).map((b) => (
                  <li key={b.arrivalId}>
                    <a href={hrefFor('map', 'project', b.project.id)}>{b.project.code} {b.project.name}</a>{' '}
                    <span className="muted">{b.unit.name} · {b.arrivedOn} · {t.wanYuan(b.amount)} · </span>
                    <strong className="flag">{t('assess.recordedAfter', { days: b.recordedAfterDays })}</strong>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </main>
  );
}

function RankingSection({ title, rows, bottom, onDrill, testId }: {
  title: string; rows: AssessmentPage_ScoreFragment[]; bottom: string[]; onDrill: (s: AssessmentPage_ScoreFragment) => void; testId: string;
}) {
  const t = useT();
  return (
    <section className="assessment-card" data-testid={testId}>
      <h2>{title}</h2>
      <RankingTable className="data-table ranking" rows={rows} bottom={bottom} onDrill={onDrill} />
      {bottom.length > 0 && <p className="muted small" data-testid={`${testId}-bottom`}>{t('assess.bottom', { names: bottom.join('、') })}</p>}
    </section>
  );
}

function DrillDown({ drill, year, asOf, period, onClose }: { drill: Drill; year: number; asOf: string; period: { year: number; quarter?: number }; onClose: () => void }) {
  const t = useT();
  return (
    <section className="assessment-card drill" data-testid="assess-drill">
      <div className="drill-head">
        <h2>{drill.kind === 'credit' ? t('assess.drill', { name: drill.name }) : `${drill.name} · ${t('assess.drillCohort')}`}</h2>
        <button type="button" className="btn secondary small" onClick={onClose}>{t('assess.close')}</button>
      </div>
      {drill.kind === 'credit' ? <CreditLines unitId={drill.unitId} year={year} asOf={asOf} /> : <Cohort drill={drill} asOf={asOf} period={period} />}
    </section>
  );
}

const projectLink = (p: { id: string; code: string; name: string }) => (
  <a href={hrefFor('map', 'project', p.id)} onClick={(e) => { e.preventDefault(); navigate('map', 'project', p.id); }} data-testid="drill-project">{p.code} {p.name}</a>
);

function CreditLines({ unitId, year, asOf }: { unitId: string; year: number; asOf: string }) {
  const t = useT();
  const { data, loading, error } = useQuery(AssessmentCreditLinesQueryDocument, { variables: { unitId, year, asOf } });
  if (loading) return <p className="muted">{t('assess.loading')}</p>;
  if (error) return <p className="error">{errorMessage(error)}</p>;
  const lines = data?.assessmentCreditLines ?? [];
  const total = lines.reduce((a, l) => a + l.credited, 0);
  return (
    <table className="data-table">
      <thead><tr><th>{t('assess.project')}</th><th>{t('assess.arrivedOn')}</th><th>{t('assess.amount')}</th><th>{t('assess.coefficient')}</th><th>{t('assess.share')}</th><th>{t('assess.credited')}</th><th /></tr></thead>
      <tbody>
        {lines.map((l) => (
          <tr key={`${l.arrivalId}-${l.role}`}>
            <td>{projectLink(l.project)}</td><td>{l.arrivedOn}</td><td className="num">{t.num(l.amount)}</td><td className="num">{l.coefficient}</td>
            <td>{t(l.role === 'HOST' ? 'assess.role.HOST' : 'assess.role.OWN')}{l.role === 'HOST' ? ` ${t.pct(l.share)}` : ''}</td>
            <td className="num">{t.num(l.credited)}</td>
            <td>{l.backdated && <strong className="flag">{t('assess.recordedAfter', { days: l.recordedAfterDays })}</strong>}</td>
          </tr>
        ))}
        <tr className="total"><td colSpan={5}>{t('assess.total')}</td><td className="num">{t.num(Math.round(total * 100) / 100)}</td><td /></tr>
      </tbody>
    </table>
  );
}

function Cohort({ drill, asOf, period }: { drill: Extract<Drill, { kind: 'cohort' }>; asOf: string; period: { year: number; quarter?: number } }) {
  const t = useT();
  const { data, loading, error } = useQuery(AssessmentCohortQueryDocument, { variables: { period, groupBy: drill.groupBy, groupId: drill.groupId, asOf } });
  if (loading) return <p className="muted">{t('assess.loading')}</p>;
  if (error) return <p className="error">{errorMessage(error)}</p>;
  const yn = (b: boolean) => (b ? t('assess.yes') : t('assess.no'));
  return (
    <table className="data-table">
      <thead><tr><th>{t('assess.project')}</th><th>{t('assess.signedOn')}</th><th>{t('assess.registered')}</th><th>{t('assess.amount')}</th>
        <th>{t('assess.fulfilment')}</th><th>{t('assess.start')}</th><th>{t('assess.production')}</th></tr></thead>
      <tbody>
        {(data?.assessmentRateCohort ?? []).map((c) => (
          <tr key={c.project.id} className={c.terminatedOn ? 'muted' : undefined}>
            <td>{projectLink(c.project)}</td><td>{c.signedOn}</td><td>{yn(c.registered)}</td>
            <td className="num">{t.num(c.fundsInPlace)} / {t.num(c.agreed)}</td><td>{yn(c.fulfilled)}</td><td>{c.startedOn ?? yn(false)}</td><td>{c.producedOn ?? yn(false)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
