import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Header } from '../components/Header';
import {
  ProjectListWorkbookQueryDocument, ProjectsPageOptionsQueryDocument, ProjectsPageQueryDocument,
  type ProjectListFilter, type ProjectListSort, type ProjectStage,
} from '../graphql/generated/graphql';
import { useAtlasConfig } from '../hooks/useAtlasConfig';
import { useT } from '../i18n';
import { errorMessage } from '../app/apolloClient';
import { hrefFor, type PageProps } from '../app/routes';
import { downloadBase64 } from './download';
import './assessment.css';

const PAGE = 50;
const STAGES: ProjectStage[] = ['LEAD', 'NEGOTIATING', 'SIGNED', 'STARTED', 'COMPLETED', 'IN_PRODUCTION', 'AT_CAPACITY', 'ELIMINATED', 'TERMINATED'];
const SORTS: ProjectListSort[] = ['CODE', 'NAME', 'AGREED_DESC', 'FUNDS_DESC', 'SIGNED_DESC', 'STAGE'];
const FLAGS = ['overdue', 'belowIntensityFloor', 'reminder', 'elimination'] as const;

/** 项目清单: every project with filters, flags and totals, sorted and paginated on the server, exportable; a click opens it on the map. */
export function ProjectsPage({ viewer, onSignOut }: PageProps) {
  const t = useT();
  const { config } = useAtlasConfig();
  const client = useApolloClient();
  const [filter, setFilter] = useState<ProjectListFilter>({});
  const [sort, setSort] = useState<ProjectListSort>('CODE');
  const [offset, setOffset] = useState(0);
  const options = useQuery(ProjectsPageOptionsQueryDocument).data;
  const { data, loading, error } = useQuery(ProjectsPageQueryDocument, { variables: { filter, sort, limit: PAGE, offset } });
  const list = data?.projectList;
  const set = (patch: Partial<ProjectListFilter>) => { setFilter((f) => ({ ...f, ...patch })); setOffset(0); };
  const select = (key: 'unitId' | 'regionId' | 'parkId' | 'chainId' | 'categoryCode', items: { id: string; name: string }[] | undefined, label: string) => (
    <label>{label}{' '}
      <select value={(filter[key] as string | undefined) ?? ''} onChange={(e) => set({ [key]: e.target.value || undefined })} data-testid={`projects-filter-${key}`}>
        <option value="">{t('projects.all')}</option>
        {items?.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
      </select>
    </label>
  );
  const exportXlsx = async () => {
    const res = await client.query({ query: ProjectListWorkbookQueryDocument, variables: { filter, sort }, fetchPolicy: 'network-only' });
    if (res.data) downloadBase64(res.data.projectListWorkbook);
  };

  return (
    <div className="assessment-page">
      <Header viewer={viewer} demo={config?.demo ?? false} onSignOut={onSignOut} />
      <main className="assessment-main">
        <div className="assessment-toolbar">
          <h1>{t('projects.title')}</h1>
          <input type="search" placeholder={t('projects.search')} onChange={(e) => set({ text: e.target.value || undefined })} data-testid="projects-text" />
          {select('unitId', options?.assessmentUnits.nodes, t('assess.unit'))}
          {select('regionId', options?.regions.nodes, t('projects.region'))}
          {select('parkId', options?.parks.nodes, t('projects.park'))}
          {select('chainId', options?.chains.nodes, t('projects.chain'))}
          {select('categoryCode', options?.assessmentCategories.map((c) => ({ id: c.code, name: c.name })), t('projects.category'))}
          <label>{t('projects.stage')}{' '}
            <select value={filter.stages?.[0] ?? ''} onChange={(e) => set({ stages: e.target.value ? [e.target.value as ProjectStage] : undefined })} data-testid="projects-filter-stage">
              <option value="">{t('projects.all')}</option>
              {STAGES.map((s) => <option key={s} value={s}>{t.enum('stage', s)}</option>)}
            </select>
          </label>
          {FLAGS.map((f) => (
            <label key={f}><input type="checkbox" checked={!!filter[f]} onChange={(e) => set({ [f]: e.target.checked || undefined })} data-testid={`projects-flag-${f}`} /> {t(`projects.flag.${f}`)}</label>
          ))}
          <label>{t('projects.sort')}{' '}
            <select value={sort} onChange={(e) => { setSort(e.target.value as ProjectListSort); setOffset(0); }} data-testid="projects-sort">
              {SORTS.map((s) => <option key={s} value={s}>{t(`projects.sort.${s}`)}</option>)}
            </select>
          </label>
          <button type="button" className="btn secondary" onClick={() => void exportXlsx()} data-testid="projects-export">{t('assess.export')}</button>
        </div>
        {error && <p className="error" role="alert">{errorMessage(error)}</p>}
        {list && (
          <section className="assessment-card">
            <p data-testid="projects-totals">{t('projects.totals', { n: list.totalCount, agreed: t.wanYuan(list.totalAgreed), funds: t.wanYuan(list.totalFundsInPlace) })}</p>
            <table className="data-table" data-testid="projects-table">
              <thead><tr><th>{t('projects.code')}</th><th>{t('assess.project')}</th><th>{t('assess.unit')}</th><th>{t('projects.stage')}</th>
                <th>{t('projects.agreed')}</th><th>{t('assess.signedOn')}</th><th>{t('projects.funds')}</th><th>{t('projects.flags')}</th></tr></thead>
              <tbody>
                {list.rows.map((r) => (
                  <tr key={r.project.id} data-testid="projects-row">
                    <td>{r.project.code}</td>
                    <td><a href={hrefFor('map', 'project', r.project.id)} data-testid="projects-open">{r.project.name}</a>
                      <div className="muted small">{[r.project.park?.name, r.project.category.name].filter(Boolean).join(' · ')}</div></td>
                    <td>{r.project.introducingUnit.name}</td>
                    <td>{t.enum('stage', r.project.stage)}</td>
                    <td className="num">{t.num(r.project.agreedInvestment)}</td>
                    <td>{r.signedOn ?? ''}</td>
                    <td className="num">{t.num(r.fundsInPlace)}</td>
                    <td className="flag small">{FLAGS.filter((f) => (f === 'belowIntensityFloor' ? r.belowFloor : r[f])).map((f) => t(`projects.flag.${f}`)).join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="assessment-toolbar">
              <button type="button" className="btn secondary small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} data-testid="projects-prev">{t('projects.prev')}</button>
              <span className="muted small">{t('projects.pageOf', { from: list.totalCount ? offset + 1 : 0, to: Math.min(offset + PAGE, list.totalCount), n: list.totalCount })}</span>
              <button type="button" className="btn secondary small" disabled={offset + PAGE >= list.totalCount} onClick={() => setOffset(offset + PAGE)} data-testid="projects-next">{t('projects.next')}</button>
              {loading && <span className="muted">{t('assess.loading')}</span>}
            </div>
          </section>
        )}
      </main>
    </div>
  );
}
