import { useQuery } from '@apollo/client/react';
import { ChainGraph } from '../components/ChainGraph';
import { ChainNodePanel } from '../components/ChainNodePanel';
import { key, STATUS_COLOR, TARGET_STATUSES, type NodeStatusName } from '../components/chainLabels';
import { Header } from '../components/Header';
import { ChainListQueryDocument, ChainPageQueryDocument } from '../graphql/generated/graphql';
import { useAtlasConfig } from '../hooks/useAtlasConfig';
import { useT } from '../i18n';
import { errorMessage } from './apolloClient';
import { hrefFor, navigate, type PageProps } from './routes';
import './chain.css';

const STATUSES: NodeStatusName[] = ['STRONG', 'WEAK', 'MISSING', 'EXTEND'];

/** 招商图谱: `#/chains` lists the chains; `#/chains/<id>[/<nodeId>]` draws one chain and opens a node. */
export function ChainPage({ viewer, onSignOut, params }: PageProps) {
  const { config } = useAtlasConfig();
  const [chainId, nodeId] = params;
  return (
    <div className="page chain-page">
      <Header viewer={viewer} demo={config?.demo ?? false} onSignOut={onSignOut} />
      <main className="page-main">{chainId ? <ChainView id={chainId} nodeId={nodeId ?? null} /> : <ChainList />}</main>
    </div>
  );
}

function ChainList() {
  const t = useT();
  const { data, loading, error } = useQuery(ChainListQueryDocument);
  return (
    <section className="chain-list">
      <h1>{t('chain.list.title')}</h1>
      <p className="muted">{t('chain.list.hint')}</p>
      {loading && <p className="muted">{t('chain.loading')}</p>}
      {error && <p className="error" role="alert">{errorMessage(error)}</p>}
      <ul className="chain-cards">
        {data?.chains.nodes.map((c) => (
          <li key={c.id} className="panel-card chain-card" data-testid="chain-card">
            <a href={hrefFor('chains', c.id)} data-testid="chain-link">
              <h2>{c.name}</h2>
              <p className="muted small">{t('chain.leader')}: {c.leader ? `${c.leader.name}（${c.leader.title}）` : '—'} · {t('chain.department')}: {c.leadDepartment ?? '—'}</p>
              <p className="status-counts">
                {STATUSES.map((s) => (
                  <span key={s} className="status-count"><i style={{ background: STATUS_COLOR[s] }} />{t(key('chain.status', s))} {c.nodes.filter((n) => n.status === s).length}</span>
                ))}
              </p>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ChainView({ id, nodeId }: { id: string; nodeId: string | null }) {
  const t = useT();
  const { data, loading, error } = useQuery(ChainPageQueryDocument, { variables: { id } });
  const chain = data?.chain;
  if (loading && !chain) return <p className="muted page-pad">{t('chain.loading')}</p>;
  if (error || !chain) return <p className="error page-pad" role="alert">{error ? errorMessage(error) : t('panel.notFound')}</p>;
  const nodes = chain.nodes;
  const planned = nodes.filter((n) => n.status !== 'EXTEND');
  const atBenchmark = planned.length ? planned.filter((n) => n.status === 'STRONG').length / planned.length : null;
  // Targets per status are counted on the server: the page never loads the targets themselves.
  const targetTotal = chain.targetCounts.reduce((n, c) => n + c.count, 0);
  return (
    <div className={`chain-view${nodeId ? ' with-panel' : ''}`}>
      <div className="chain-main">
        <a href={hrefFor('chains')} className="small">{t('chain.back')}</a>
        <h1 data-testid="chain-title">{chain.name}</h1>
        <p className="muted small">{t('chain.leader')}: {chain.leader ? `${chain.leader.name}（${chain.leader.title}）` : '—'} · {t('chain.department')}: {chain.leadDepartment ?? '—'}
          {!chain.canEditPipeline && <> · <span data-testid="chain-read-only">{t('chain.readOnly')}</span></>}</p>
        <div className="summary-bar panel-card" data-testid="chain-summary">
          <div className="summary-item"><span className="summary-label">{t('chain.summary.nodes')}</span>
            <span className="status-counts">{STATUSES.map((s) => (
              <span key={s} className="status-count" data-testid={`summary-${s}`}><i style={{ background: STATUS_COLOR[s] }} />{t(key('chain.status', s))} {nodes.filter((n) => n.status === s).length}</span>
            ))}</span>
          </div>
          <div className="summary-item"><span className="summary-label">{t('chain.summary.atBenchmark')}</span><strong data-testid="summary-benchmark">{t.pct(atBenchmark)}</strong></div>
          <div className="summary-item"><span className="summary-label">{t('chain.summary.targets')} <span data-testid="summary-targets">{targetTotal}</span></span>
            <span className="status-counts">{TARGET_STATUSES.map((s) => <span key={s} className="status-count" data-testid={`summary-target-${s}`}>{t(key('chain.target', s))} {chain.targetCounts.find((x) => x.status === s)?.count ?? 0}</span>)}</span>
          </div>
          <div className="summary-item"><span className="summary-label">{t('chain.summary.signed')}</span><strong data-testid="summary-signed">{chain.signedProjectCount}</strong></div>
          <div className="summary-item"><span className="summary-label">{t('chain.summary.started')}</span><strong data-testid="summary-started">{chain.startedProjectCount}</strong></div>
        </div>
        <div className="chain-legend small">
          {STATUSES.map((s) => <span key={s} className="status-count"><i style={{ background: STATUS_COLOR[s] }} />{t(key('chain.statusLong', s))}</span>)}
        </div>
        <div className="chain-graph-wrap">
          <ChainGraph nodes={nodes} selectedId={nodeId} onSelect={(n) => navigate('chains', id, n)} />
        </div>
      </div>
      {nodeId && <ChainNodePanel key={nodeId} id={nodeId} onClose={() => navigate('chains', id)} />}
    </div>
  );
}
