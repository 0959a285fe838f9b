import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../app/apolloClient';
import { ChainNodePanelQueryDocument, type ChainNodePanelQuery } from '../graphql/generated/graphql';
import { useAddTargetMutation } from '../hooks/usePipelineMutations';
import { useT } from '../i18n';
import { factorLabel, key, STATUS_COLOR } from './chainLabels';
import { MutationError } from './MutationError';
import { TargetActions } from './TargetActions';
import { todayInChina } from '../app/dates';
import { hrefFor } from '../app/routes';

type Node = NonNullable<ChainNodePanelQuery['chainNode']>;
type CandidateRow = Node['candidates'][number];

/** One node of the chain: local enterprises, projects filling it, its targets, and the ranked candidates with their score explained. */
export function ChainNodePanel({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(ChainNodePanelQueryDocument, { variables: { id } });
  const n = data?.chainNode;
  return (
    <aside className="chain-panel panel-card" data-testid="chain-node-panel" data-node-id={n?.id} aria-label={t('chain.panel.kind')}>
      <header className="panel-header">
        <div className="panel-heading">
          <span className="panel-kind">{t('chain.panel.kind')}{n && ` · ${n.chain.name} · ${t(key('chain.segment', n.segment))}`}</span>
          <h2 data-testid="chain-node-title">{n?.name ?? (loading ? t('panel.loading') : '')}</h2>
          {n && (
            <div className="panel-subtitle">
              <span className="status-chip" style={{ background: STATUS_COLOR[n.status] }} data-testid="chain-node-status">{t(key('chain.statusLong', n.status))}</span>
              {n.gapAction !== 'NONE' && <strong>{t(key('chain.action', n.gapAction))}</strong>}
            </div>
          )}
        </div>
        <button type="button" className="icon-btn" onClick={onClose} aria-label={t('chain.panel.close')} title={t('chain.panel.close')} data-testid="chain-node-close">×</button>
      </header>
      <div className="panel-body">
        {error && <div className="error" role="alert"><p>{t('panel.error', { message: errorMessage(error) })}</p><button type="button" className="btn secondary small" onClick={() => void refetch()}>{t('panel.retry')}</button></div>}
        {n && (
          <>
            <dl className="facts">
              <div className="fact"><dt>{t('chain.panel.benchmark')}</dt><dd>{t('chain.node.local', { n: n.localEnterpriseCount, b: n.benchmarkCount ?? '—' })}</dd></div>
              <div className="fact"><dt>{t('chain.panel.localOutput')}</dt><dd>{t('chain.node.output', { v: t.num(n.localOutput, 0), b: n.benchmarkOutput != null ? t.num(n.benchmarkOutput, 0) : '—' })}</dd></div>
            </dl>
            <section data-testid="node-enterprises">
              <h3>{t('chain.panel.localEnterprises')} <span className="muted small">{n.enterprises.totalCount}</span></h3>
              {n.enterprises.totalCount > 0 && <a href={hrefFor('map', 'chainNode', n.id)} className="btn secondary small" data-testid="node-show-on-map">{t('chain.panel.showOnMap')}</a>}
              {n.enterprises.nodes.length === 0 ? <p className="muted small">{t('chain.panel.none')}</p> : (
                <ul className="plain-list">{n.enterprises.nodes.map((e) => <li key={e.id}>{e.name}</li>)}</ul>
              )}
            </section>
            <section data-testid="node-projects">
              <h3>{t('chain.panel.projects')} <span className="muted small">{n.projects.totalCount}</span></h3>
              {n.projects.nodes.length === 0 ? <p className="muted small">{t('chain.panel.none')}</p> : (
                <ul className="plain-list">{n.projects.nodes.map((p) => <li key={p.id}>{p.name} <span className="muted small">{p.code} · {t.enum('stage', p.stage)}</span></li>)}</ul>
              )}
            </section>
            <section data-testid="node-targets">
              <h3>{t('chain.panel.targets')} <span className="muted small">{n.targets.length}</span></h3>
              {n.targets.length === 0 ? <p className="muted small">{t('chain.panel.none')}</p> : (
                <ul className="plain-list">
                  {n.targets.map((tg) => (
                    <li key={tg.id} className="target-item" data-testid="node-target" data-target-id={tg.id} data-status={tg.status}>
                      <div><strong>{tg.enterprise.name}</strong> <span className={`target-status s-${tg.status}`}>{t(key('chain.target', tg.status))}</span>
                        {tg.isOverdue && <span className="overdue-badge">{t('ws.overdueBadge')}</span>}</div>
                      <div className="muted small">
                        {[tg.owner?.name, tg.ownerTeam].filter(Boolean).join(' · ')}
                        {tg.nextAction && ` · ${tg.nextAction}`}{tg.nextActionDue && ` · ${tg.nextActionDue}`}
                      </div>
                      <TargetActions target={tg} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section data-testid="node-candidates">
              <h3>{t('chain.panel.candidates')}</h3>
              {n.candidates.length === 0 ? <p className="muted small">{t('chain.panel.none')}</p> : (
                <ol className="candidate-list">
                  {n.candidates.map((c) => <Candidate key={c.enterprise.id} c={c} nodeId={n.id} chainName={n.chain.name} canAdd={n.canEditPipeline} />)}
                </ol>
              )}
            </section>
          </>
        )}
      </div>
    </aside>
  );
}

function Candidate({ c, nodeId, chainName, canAdd }: { c: CandidateRow; nodeId: string; chainName: string; canAdd: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(c.rank === 1);
  const [adding, setAdding] = useState(false);
  return (
    <li className="candidate" data-testid="candidate" data-rank={c.rank} data-enterprise-id={c.enterprise.id}>
      <div className="candidate-head">
        <span className="candidate-rank">{c.rank}</span>
        <div className="candidate-name">
          <strong>{c.enterprise.name}</strong>
          <span className="muted small">{c.enterprise.city}{c.enterprise.sourceRegion && ` · ${c.enterprise.sourceRegion}`}</span>
        </div>
        <button type="button" className="candidate-score" onClick={() => setOpen((o) => !o)} aria-expanded={open} title={t('chain.candidate.why')} data-testid="candidate-score">
          {t.num(c.score, 2)}
        </button>
      </div>
      {open && (
        <table className="score-parts" data-testid="score-parts">
          <thead><tr><th>{t('chain.candidate.factor')}</th><th>{t('chain.candidate.raw')}</th><th>{t('chain.candidate.weight')}</th><th>{t('chain.candidate.points')}</th></tr></thead>
          <tbody>
            {c.parts.map((p) => (
              <tr key={p.factor} className={p.points < 0 ? 'negative' : undefined}>
                <td>{factorLabel(t, p.factor)}</td><td>{t.num(p.raw, 3)}</td><td>{t.num(p.weight, 2)}</td><td>{t.num(p.points, 2)}</td>
              </tr>
            ))}
            <tr className="total"><td colSpan={3}>{t('chain.candidate.score')}</td><td>{t.num(c.score, 2)}</td></tr>
          </tbody>
        </table>
      )}
      {c.existingTarget ? (
        <p className="muted small" data-testid="candidate-in-pipeline">{t('chain.candidate.already', { status: t(key('chain.target', c.existingTarget.status)) })}</p>
      ) : canAdd && (adding
        ? <AddTargetForm enterpriseId={c.enterprise.id} nodeId={nodeId} defaultTeam={`${chainName}招商专班`} onClose={() => setAdding(false)} />
        : <button type="button" className="btn primary small" onClick={() => setAdding(true)} data-testid="candidate-add">{t('chain.candidate.add')}</button>)}
    </li>
  );
}

function AddTargetForm({ enterpriseId, nodeId, defaultTeam, onClose }: { enterpriseId: string; nodeId: string; defaultTeam: string; onClose: () => void }) {
  const t = useT();
  const today = todayInChina();
  const [team, setTeam] = useState(defaultTeam);
  const [nextAction, setNextAction] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [add, { loading }] = useAddTargetMutation();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!team.trim()) return setError(t('chain.form.teamRequired'));
    setError(null);
    try {
      await add({ variables: { input: { enterpriseId, chainNodeId: nodeId, ownerTeam: team, nextAction: nextAction || null, ...(due ? { nextActionDue: due } : {}) } } });
      onClose();
    } catch (err) { setError(err); }
  }
  return (
    <form className="action-form" onSubmit={submit} data-testid="add-target-form" noValidate>
      <label>{t('chain.form.ownerTeam')}<input value={team} onChange={(e) => setTeam(e.target.value)} data-testid="add-team" /></label>
      <label>{t('chain.form.nextAction')}<input value={nextAction} onChange={(e) => setNextAction(e.target.value)} data-testid="add-next-action" /></label>
      <label>{t('chain.form.due')}<input type="date" value={due} min={today} onChange={(e) => setDue(e.target.value)} data-testid="add-due" /></label>
      <MutationError error={error} testId="add-error" />
      <div className="form-buttons">
        <button type="submit" className="btn primary" disabled={loading} data-testid="add-submit">{loading ? t('chain.form.saving') : t('chain.form.save')}</button>
        <button type="button" className="btn secondary" onClick={onClose} disabled={loading}>{t('chain.form.cancel')}</button>
      </div>
    </form>
  );
}
