import { useApolloClient, useQuery } from '@apollo/client/react';
import { Fragment, useState } from 'react';
import { key, STATUS_COLOR, TARGET_STATUSES } from '../components/chainLabels';
import { Header } from '../components/Header';
import { PipelineMap } from '../components/PipelineMap';
import { downloadPipelineXlsx } from '../components/pipelineExport';
import { TargetActions } from '../components/TargetActions';
import { WorkspaceBoardQueryDocument, WorkspacePageQueryDocument, type TargetStatus, type WorkspaceBoardQuery, type WorkspaceBoardQueryVariables, type WorkspacePageQuery } from '../graphql/generated/graphql';
import { useAtlasConfig, type AtlasConfig } from '../hooks/useAtlasConfig';
import { useT } from '../i18n';
import { errorMessage } from './apolloClient';
import { hrefFor, type PageProps } from './routes';
import './chain.css';

type Workspace = WorkspacePageQuery['chainWorkspace'];
type Target = WorkspaceBoardQuery['chainWorkspace']['targetBoard']['nodes'][number];

const ownerOf = (t: Target) => t.owner?.name ?? t.ownerTeam ?? '—';
/** Rows per page of the board; the export reads every matching row, MAX_PAGE at a time. */
const BOARD_PAGE = 50;
const MAX_PAGE = 500;

/** 我的链: the chain leader's gaps, pipeline board, overdue actions, visits, 提醒/淘汰 flags and the projects their chains yielded. */
export function WorkspacePage({ viewer, onSignOut }: PageProps) {
  const t = useT();
  const { config } = useAtlasConfig();
  const { data, loading, error } = useQuery(WorkspacePageQueryDocument);
  const w = data?.chainWorkspace;
  return (
    <div className="page">
      <Header viewer={viewer} demo={config?.demo ?? false} onSignOut={onSignOut} />
      <main className="page-main">
        <div className="workspace" data-testid="workspace">
          <h1>{t('ws.title')}</h1>
          {loading && !w && <p className="muted">{t('chain.loading')}</p>}
          {error && <p className="error" role="alert">{errorMessage(error)}</p>}
          {w && (w.chains.length === 0 ? <p className="muted">{t('ws.noChains')}</p> : <WorkspaceBody w={w} basemap={config} />)}
        </div>
      </main>
    </div>
  );
}

function WorkspaceBody({ w, basemap }: { w: Workspace; basemap: AtlasConfig | null }) {
  const t = useT();
  const [node, setNode] = useState('');
  const [owner, setOwner] = useState('');
  const [status, setStatus] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [page, setPage] = useState(0);
  const [openRow, setOpenRow] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const client = useApolloClient();
  const gapNodes = w.chains.flatMap((c) => c.nodes.filter((n) => n.status !== 'STRONG').map((n) => ({ ...n, chain: c })));
  const openCount = w.targetCounts.filter((s) => s.status !== 'DROPPED').reduce((n, s) => n + s.count, 0);
  // The server filters, orders (overdue next actions first, then by due date) and pages the board.
  const filter: WorkspaceBoardQueryVariables['filter'] = {
    chainNodeId: node || null, owner: owner || null, status: (status || null) as TargetStatus | null, overdue: overdueOnly ? true : null,
  };
  const { data, loading, error } = useQuery(WorkspaceBoardQueryDocument, { variables: { filter, first: BOARD_PAGE, offset: page * BOARD_PAGE } });
  const board = data?.chainWorkspace.targetBoard;
  const rows = board?.nodes ?? [];
  const pages = board ? Math.max(1, Math.ceil(board.totalCount / BOARD_PAGE)) : 1;
  const refilter = (set: () => void) => { set(); setPage(0); setOpenRow(null); };

  // The export holds every row the filters match (all pages), read through the same board query.
  async function exportXlsx() {
    setExporting(true);
    try {
      const all: Target[] = [];
      for (let offset = 0; ; offset += MAX_PAGE) {
        const res = await client.query({ query: WorkspaceBoardQueryDocument, variables: { filter, first: MAX_PAGE, offset }, fetchPolicy: 'network-only' });
        const b = res.data!.chainWorkspace.targetBoard;
        all.push(...b.nodes);
        if (all.length >= b.totalCount || b.nodes.length === 0) break;
      }
      await downloadPipelineXlsx(all, `招商台账-${w.asOf}.xlsx`);
    } finally { setExporting(false); }
  }

  return (
    <>
      <p className="muted small">{t('ws.asOf', { date: w.asOf })} · {w.chains.map((c) => <Fragment key={c.id}><a href={hrefFor('chains', c.id)} data-testid="ws-chain-link">{c.name}</a>{' '}</Fragment>)}</p>
      <div className="ws-cards">
        <div className="panel-card ws-card"><span className="muted small">{t('ws.gapNodes')}</span><strong data-testid="ws-gap-count">{gapNodes.length}</strong></div>
        <div className="panel-card ws-card"><span className="muted small">{t('ws.targets')}</span><strong data-testid="ws-target-count">{openCount}</strong></div>
        <div className="panel-card ws-card"><span className="muted small">{t('ws.overdue')}</span><strong data-testid="ws-overdue-count">{w.overdueCount}</strong></div>
        <div className="panel-card ws-card"><span className="muted small">{t('ws.visits')}</span><strong data-testid="ws-visits">{w.visitsThisMonth}</strong></div>
        <div className="panel-card ws-card"><span className="muted small">{t('ws.projects')}</span><strong data-testid="ws-project-count">{w.projectPage.totalCount}</strong></div>
      </div>

      <section className="panel-card ws-section" data-testid="ws-gap-nodes">
        <h2>{t('ws.gapNodes')}</h2>
        <ul className="gap-node-list">
          {gapNodes.map((n) => (
            <li key={n.id}>
              <a href={hrefFor('chains', n.chain.id, n.id)} data-testid="ws-gap-node" data-status={n.status}>
                <i className="status-dot" style={{ background: STATUS_COLOR[n.status], width: 10, height: 10, display: 'inline-block', borderRadius: 2 }} />
                {n.name} <span className="muted small">{t(key('chain.status', n.status))} · {t(key('chain.action', n.gapAction))} · {n.localEnterpriseCount}/{n.benchmarkCount ?? '—'}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section className="panel-card ws-section" data-testid="ws-targets">
        <h2>{t('ws.targets')} <span className="muted small" data-testid="ws-board-total" data-total={board?.totalCount ?? ''}>{board ? t('ws.rows', { n: board.totalCount }) : '…'}</span></h2>
        <p className="status-counts small" data-testid="ws-board-by-status">
          {TARGET_STATUSES.map((s) => <span key={s} className="status-count">{t(key('chain.target', s))} {board?.byStatus.find((x) => x.status === s)?.count ?? 0}</span>)}
        </p>
        <div className="ws-filters">
          <label>{t('ws.filter.node')}
            <select value={node} onChange={(e) => refilter(() => setNode(e.target.value))} data-testid="filter-node">
              <option value="">{t('ws.filter.all')}</option>
              {w.chains.flatMap((c) => c.nodes.map((n) => <option key={n.id} value={n.id}>{c.name} · {n.name}</option>))}
            </select>
          </label>
          <label>{t('ws.filter.owner')}
            <select value={owner} onChange={(e) => refilter(() => setOwner(e.target.value))} data-testid="filter-owner">
              <option value="">{t('ws.filter.all')}</option>
              {w.targetOwners.map((o) => <option key={o} value={o}>{o}</option>)}
            </select>
          </label>
          <label>{t('ws.filter.status')}
            <select value={status} onChange={(e) => refilter(() => setStatus(e.target.value))} data-testid="filter-status">
              <option value="">{t('ws.filter.all')}</option>
              {TARGET_STATUSES.map((s) => <option key={s} value={s}>{t(key('chain.target', s))}</option>)}
            </select>
          </label>
          <label className="inline"><input type="checkbox" checked={overdueOnly} onChange={(e) => refilter(() => setOverdueOnly(e.target.checked))} data-testid="filter-overdue" />{t('ws.filter.overdueOnly')}</label>
          <button type="button" className="btn secondary small" onClick={() => void exportXlsx()} disabled={exporting || !board?.totalCount} data-testid="export-xlsx">{exporting ? t('ws.exporting') : t('ws.export')}</button>
        </div>
        {error && <p className="error" role="alert">{errorMessage(error)}</p>}
        <div className="ws-table-wrap" aria-busy={loading}>
          <table className="ws-table" data-testid="ws-target-table" data-loading={loading} data-page={page}>
            <thead><tr>
              <th>{t('ws.col.enterprise')}</th><th>{t('ws.col.node')}</th><th>{t('ws.col.status')}</th><th>{t('ws.col.owner')}</th>
              <th>{t('ws.col.nextAction')}</th><th>{t('ws.col.due')}</th><th>{t('ws.col.actions')}</th>
            </tr></thead>
            <tbody>
              {rows.map((x) => (
                <Fragment key={x.id}>
                  <tr className={x.isOverdue ? 'overdue' : undefined} data-testid="ws-target-row" data-target-id={x.id} data-overdue={x.isOverdue} data-status={x.status}>
                    <td><strong>{x.enterprise.name}</strong><div className="muted small">{x.enterprise.city}</div></td>
                    <td>{x.chainNode.name}<div className="muted small">{x.chainNode.chain.name}</div></td>
                    <td><span className={`target-status s-${x.status}`}>{t(key('chain.target', x.status))}</span></td>
                    <td>{ownerOf(x)}{x.owner && x.ownerTeam && <div className="muted small">{x.ownerTeam}</div>}</td>
                    <td>{x.nextAction ?? '—'}</td>
                    <td>{x.nextActionDue ?? '—'}{x.isOverdue && <span className="overdue-badge">{t('ws.overdueBadge')}</span>}</td>
                    <td>{(x.canEdit || x.project) && <button type="button" className="link" onClick={() => setOpenRow(openRow === x.id ? null : x.id)} data-testid="row-actions">{t('ws.col.actions')}</button>}</td>
                  </tr>
                  {openRow === x.id && <tr><td colSpan={7}><TargetActions target={x} /></td></tr>}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
        {pages > 1 && (
          <div className="ws-pager small" data-testid="ws-pager">
            <button type="button" className="btn secondary small" disabled={page === 0 || loading} onClick={() => setPage(page - 1)} data-testid="page-prev">{t('ws.page.prev')}</button>
            <span data-testid="page-of">{t('ws.page.of', { page: page + 1, pages })}</span>
            <button type="button" className="btn secondary small" disabled={page + 1 >= pages || loading} onClick={() => setPage(page + 1)} data-testid="page-next">{t('ws.page.next')}</button>
          </div>
        )}
      </section>

      <div className="ws-grid">
        <section className="panel-card ws-section" data-testid="ws-reminders">
          <h2>{t('ws.reminders', { n: w.flags.reminderDays })}</h2>
          <FlagList flags={w.flags.reminders} total={w.flags.reminderCount} />
          <h2>{t('ws.eliminations', { n: w.flags.eliminationDays })}</h2>
          <FlagList flags={w.flags.eliminations} total={w.flags.eliminationCount} />
        </section>
        <section className="panel-card ws-section">
          <h2>{t('ws.map')}</h2>
          <p className="muted small">{t('ws.mapHint')}</p>
          <PipelineMap cities={w.pipelineMap} basemapStyleUrl={basemap?.basemapStyleUrl ?? null} basemapCrs={basemap?.basemapCrs ?? 'wgs84'} />
        </section>
      </div>

      <section className="panel-card ws-section" data-testid="ws-projects">
        <h2>{t('ws.projects')} <span className="muted small" data-testid="ws-project-totals">{t('ws.projectTotals', { n: w.projectPage.totalCount, agreed: t.wanYuan(w.projectPage.agreedInvestment), funds: t.wanYuan(w.projectPage.fundsInPlace) })}</span></h2>
        <table className="ws-table">
          <thead><tr><th>{t('ws.col.project')}</th><th>{t('ws.col.node')}</th><th>{t('ws.col.stage')}</th><th>{t('ws.col.agreed')}</th><th>{t('ws.col.funds')}</th></tr></thead>
          <tbody>
            {w.projectPage.nodes.map((p) => (
              <tr key={p.id} data-testid="ws-project-row">
                <td><a href={hrefFor('map', 'project', p.id)}>{p.name}</a><div className="muted small">{p.code}</div></td>
                <td>{p.chainNode?.name}<div className="muted small">{p.chainNode?.chain.name}</div></td>
                <td>{t.enum('stage', p.stage)}</td>
                <td>{t.wanYuan(p.agreedInvestment)}</td>
                <td>{t.wanYuan(p.fundsInPlace)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {w.projectPage.totalCount > w.projectPage.nodes.length && <p className="muted small">{t('ws.projectsShown', { n: w.projectPage.nodes.length })}</p>}
      </section>
    </>
  );
}

function FlagList({ flags, total }: { flags: Workspace['flags']['reminders']; total: number }) {
  const t = useT();
  if (flags.length === 0) return <p className="muted small">{t('chain.panel.none')}</p>;
  return (
    <ul className="plain-list" data-testid="flag-list">
      {flags.map((f, i) => (
        <li key={i}>
          {f.target ? f.target.enterprise.name : f.project?.name}{' '}
          <span className="muted small">{f.target ? t(key('chain.target', f.status.toUpperCase())) : t.enum('stage', f.status)} · {f.since} · {t('ws.idle', { n: f.idleDays })}</span>
        </li>
      ))}
      {total > flags.length && <li className="muted small">… {total - flags.length}</li>}
    </ul>
  );
}
