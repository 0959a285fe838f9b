import { useQuery } from '@apollo/client/react';
import { AssessmentPageQueryDocument, type AssessmentPage_ScoreFragment } from '../graphql/generated/graphql';
import { useT } from '../i18n';
import { errorMessage } from '../app/apolloClient';
import { hrefFor } from '../app/routes';
import { RankingTable } from './RankingTable';
import './assessment.css';

/** 一季一评比: the quarterly ranking as an A4 notice in the usual government layout (title, issuer, date, tables, notes). */
export function RankingReport({ asOf }: { asOf: string }) {
  const t = useT();
  const year = Number(asOf.slice(0, 4));
  const q = Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) + 1;
  const { data, error } = useQuery(AssessmentPageQueryDocument, { variables: { year, asOf, period: { year, quarter: q } } });
  const r = data?.assessmentRanking;
  const [y, m, d] = asOf.split('-').map(Number);
  const dateZh = t.lang === 'zh' ? `${y}年${m}月${d}日` : asOf;
  const bottom = r ? [...r.bottomDistricts, ...r.bottomDepartments].map((b) => b.unit.name).join('、') : '';
  return (
    <div className="report-page">
      <div className="no-print report-actions">
        <a className="btn secondary" href={hrefFor('assessment')}>{t('report.back')}</a>
        <button type="button" className="btn primary" onClick={() => window.print()}>{t('report.doPrint')}</button>
      </div>
      {error && <p className="error">{errorMessage(error)}</p>}
      <article className="report-sheet" data-testid="ranking-report">
        <header className="report-head">
          <div className="report-issuer-red">{t('report.issuer')}</div>
          <hr className="report-rule" />
          <h1>{t('report.title', { year, q })}</h1>
        </header>
        {r && (
          <>
            <ReportTable title={t('assess.districts')} rows={r.districts} />
            <ReportTable title={t('assess.departments')} rows={r.departments} />
            <p className="report-notes">{t('report.notes', { asOf, host: t.pct(r.rule.hostShare), bottom })}</p>
          </>
        )}
        <footer className="report-sign">
          <div>{t('report.issuer')}</div>
          <div>{t('report.date', { date: dateZh })}</div>
        </footer>
      </article>
    </div>
  );
}

function ReportTable({ title, rows }: { title: string; rows: AssessmentPage_ScoreFragment[] }) {
  return (
    <>
      <h2>{title}</h2>
      <RankingTable className="report-table" rows={rows} />
    </>
  );
}
