import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Header } from '../components/Header';
import { ImportProjectLedgerMutationDocument, LedgerTemplateQueryDocument, type ImportProjectLedgerMutation } from '../graphql/generated/graphql';
import { useAtlasConfig } from '../hooks/useAtlasConfig';
import { useT } from '../i18n';
import { errorMessage } from '../app/apolloClient';
import type { PageProps } from '../app/routes';
import { downloadBase64 } from './download';
import './assessment.css';

type Report = ImportProjectLedgerMutation['importProjectLedger'];

/** Reads a file as base64, reporting progress (0–1) as it goes. */
function readBase64(file: File, onProgress: (p: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    reader.onerror = () => reject(reader.error ?? new Error('file read failed'));
    reader.onload = () => resolve((reader.result as string).replace(/^data:[^,]*,/, ''));
    reader.readAsDataURL(file);
  });
}

/** 项目台账导入: template download, a check that reports every problem by row and column, then an all-or-nothing import. */
export function LedgerPage({ viewer, onSignOut }: PageProps) {
  const t = useT();
  const { config } = useAtlasConfig();
  const client = useApolloClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [importLedger] = useMutation(ImportProjectLedgerMutationDocument);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setFailure(null);
    setReport(null);
    setProgress(0);
    try {
      const contentBase64 = await readBase64(file, (p) => setProgress(p * 0.5));
      setProgress(0.5);
      const res = await importLedger({ variables: { fileName: file.name, contentBase64, dryRun } });
      setProgress(1);
      if (res.data) setReport(res.data.importProjectLedger);
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setProgress(null);
    }
  };
  const template = async () => {
    const res = await client.query({ query: LedgerTemplateQueryDocument, fetchPolicy: 'network-only' });
    if (res.data) downloadBase64(res.data.ledgerTemplate);
  };

  return (
    <div className="assessment-page">
      <Header viewer={viewer} demo={config?.demo ?? false} onSignOut={onSignOut} />
      <main className="assessment-main">
        <section className="assessment-card">
          <h1>{t('ledger.title')}</h1>
          <p className="muted">{t('ledger.help')}</p>
          <div className="assessment-toolbar">
            <button type="button" className="btn secondary" onClick={() => void template()} data-testid="ledger-template">{t('ledger.template')}</button>
            <label>{t('ledger.choose')}{' '}
              <input type="file" accept=".xlsx,.csv" data-testid="ledger-file" onChange={(e) => { setFile(e.target.files?.[0] ?? null); setReport(null); }} />
            </label>
            <button type="button" className="btn secondary" disabled={!file || progress !== null} onClick={() => void run(true)} data-testid="ledger-check">{t('ledger.check')}</button>
            <button type="button" className="btn primary" disabled={!file || progress !== null || !report || !report.dryRun || report.problems.length > 0}
              onClick={() => void run(false)} data-testid="ledger-import">{t('ledger.import')}</button>
          </div>
          {progress !== null && file && (
            <p data-testid="ledger-progress"><progress className="ledger-progress" value={progress} max={1} /> {t('ledger.working', { name: file.name })}</p>
          )}
          {failure && <p className="error" role="alert">{failure}</p>}
        </section>
        {report && (
          <section className="assessment-card" data-testid="ledger-report">
            <p data-testid="ledger-summary">{t('ledger.summary', {
              rows: report.rows, projects: report.projects, created: report.created, updated: report.updated, unchanged: report.unchanged,
              events: report.stageEventsAdded, funds: report.fundArrivalsAdded,
            })}</p>
            <p className={report.problems.length ? 'error' : undefined} data-testid="ledger-status">
              <strong>{report.problems.length ? t('ledger.problems', { n: report.problems.length }) : report.written ? t('ledger.written') : t('ledger.ok')}</strong>
            </p>
            {report.problems.length > 0 && (
              <div className="ledger-problems">
                <table className="data-table" data-testid="ledger-problems">
                  <thead><tr><th>{t('ledger.row')}</th><th>{t('ledger.column')}</th><th>{t('ledger.message')}</th></tr></thead>
                  <tbody>{report.problems.map((p, i) => <tr key={i}><td>{p.row}</td><td>{p.column}</td><td>{p.message}</td></tr>)}</tbody>
                </table>
              </div>
            )}
          </section>
        )}
      </main>
    </div>
  );
}
