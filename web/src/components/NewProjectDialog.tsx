import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../app/apolloClient';
import type { Viewer } from '../app/auth';
import { NewProjectDialogQueryDocument, type CreateProjectInput } from '../graphql/generated/graphql';
import { useCreateProjectMutation } from '../hooks/useCreateProjectMutation';
import { useT } from '../i18n';
import { parseNumber } from './formNumbers';
import { MutationError } from './MutationError';

interface Props {
  viewer: Viewer;
  /** The location picked on the map, lon/lat. */
  point: [number, number] | null;
  picking: boolean;
  onPickingChange: (picking: boolean) => void;
  onClearPoint: () => void;
  onCreated: (id: string, located: boolean) => void;
  onClose: () => void;
}

/**
 * 新建项目: files a lead with its introducing unit, category, park, chain node and agreed investment, and a
 * point picked on the map. District officers file for their own unit; chain leaders on a node of their chains.
 */
export function NewProjectDialog({ viewer, point, picking, onPickingChange, onClearPoint, onCreated, onClose }: Props) {
  const t = useT();
  const titleId = useId();
  const lists = useQuery(NewProjectDialogQueryDocument);
  const fixedUnit = viewer.role === 'DISTRICT' ? viewer.unitId : null;
  const needsChain = viewer.role === 'CHAIN_LEADER';
  const [name, setName] = useState('');
  const [unitId, setUnitId] = useState(fixedUnit ?? '');
  const [categoryCode, setCategoryCode] = useState('');
  const [parkId, setParkId] = useState('');
  const [chainNodeId, setChainNodeId] = useState('');
  const [agreed, setAgreed] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [create, { loading }] = useCreateProjectMutation();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || loading) return;
      if (picking) onPickingChange(false);
      else onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [loading, picking, onPickingChange, onClose]);

  const data = lists.data;
  const units = data?.assessmentUnits.nodes ?? [];
  const chains = (data?.chains.nodes ?? []).filter((c) => !needsChain || viewer.chainIds.includes(c.id));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const agreedValue = parseNumber(agreed);
    if (!name.trim()) return setError(t('form.nameRequired'));
    if (!unitId) return setError(t('newProject.unitRequired'));
    if (!categoryCode) return setError(t('newProject.categoryRequired'));
    if (needsChain && !chainNodeId) return setError(t('newProject.chainRequired'));
    if (agreedValue !== null && (!Number.isFinite(agreedValue) || agreedValue < 0)) return setError(t('form.notNegative', { field: t('edit.agreedInvestment') }));
    const input: CreateProjectInput = { name: name.trim(), introducingUnitId: unitId, categoryCode };
    if (parkId) input.parkId = parkId;
    if (chainNodeId) input.chainNodeId = chainNodeId;
    if (agreedValue !== null) input.agreedInvestment = agreedValue;
    if (point) input.location = { type: 'Point', coordinates: point };
    setError(null);
    onPickingChange(false);
    try {
      const project = await create(input);
      if (project) onCreated(project.id, project.location != null);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <aside className="side-panel panel-card new-project" role="dialog" aria-modal="false" aria-labelledby={titleId} data-testid="new-project-dialog">
      <header className="panel-header">
        <div className="panel-heading">
          <span className="panel-kind">{t('kind.PROJECT')}</span>
          <h2 id={titleId}>{t('newProject.title')}</h2>
        </div>
        <button type="button" className="icon-btn" onClick={onClose} disabled={loading} title={t('panel.close')} aria-label={t('panel.close')} data-testid="new-project-close">×</button>
      </header>
      <div className="panel-body">
        {lists.loading && <p className="muted">{t('panel.loading')}</p>}
        {lists.error && (
          <div className="error" role="alert">
            <p>{t('panel.error', { message: errorMessage(lists.error) })}</p>
            <button type="button" className="btn secondary small" onClick={() => void lists.refetch()}>{t('panel.retry')}</button>
          </div>
        )}
        {data && (
          <form className="action-form" onSubmit={submit} onChange={() => setError(null)} noValidate data-testid="new-project-form">
            <p className="muted small">{t('newProject.intro')}</p>
            <fieldset className="form-grid" disabled={loading}>
              <label className="wide">
                {t('newProject.name')}
                <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus data-testid="new-project-name" />
              </label>
              <label className="wide">
                {t('field.introducingUnit')}
                <select value={unitId} onChange={(e) => setUnitId(e.target.value)} disabled={fixedUnit != null} required data-testid="new-project-unit">
                  {fixedUnit == null && <option value="">{t('form.choose')}</option>}
                  {(['DISTRICT', 'DEPARTMENT'] as const).map((kind) => (
                    <optgroup key={kind} label={t.enum('unitKind', kind)}>
                      {units.filter((u) => u.kind === kind).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
                    </optgroup>
                  ))}
                </select>
                {fixedUnit != null && <span className="muted small">{t('newProject.ownUnit')}</span>}
              </label>
              <label className="wide">
                {t('field.category')}
                <select value={categoryCode} onChange={(e) => setCategoryCode(e.target.value)} required data-testid="new-project-category">
                  <option value="">{t('form.choose')}</option>
                  {data.assessmentCategories.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
                </select>
              </label>
              <label className="wide">
                {t('field.park')}
                <select value={parkId} onChange={(e) => setParkId(e.target.value)} data-testid="new-project-park">
                  <option value="">{t('form.none')}</option>
                  {data.parks.nodes.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
                </select>
              </label>
              <label className="wide">
                {needsChain ? t('newProject.chainNodeRequired') : t('newProject.chainNode')}
                <select value={chainNodeId} onChange={(e) => setChainNodeId(e.target.value)} required={needsChain} data-testid="new-project-chain-node">
                  <option value="">{needsChain ? t('form.choose') : t('form.none')}</option>
                  {chains.map((c) => (
                    <optgroup key={c.id} label={c.name}>
                      {c.nodes.map((n) => <option key={n.id} value={n.id}>{`${n.name}（${t.enum('segment', n.segment)}）`}</option>)}
                    </optgroup>
                  ))}
                </select>
              </label>
              <label className="wide">
                {t('edit.agreedInvestment')}
                <input type="number" inputMode="decimal" min="0" step="any" value={agreed} onChange={(e) => setAgreed(e.target.value)} placeholder={t('form.optional')} data-testid="new-project-agreed" />
              </label>
              <div className="wide location-field">
                <span>{t('newProject.location')}</span>
                <div className="location-row">
                  {point ? (
                    <code data-testid="new-project-point">{point[0].toFixed(5)}, {point[1].toFixed(5)}</code>
                  ) : (
                    <span className="muted" data-testid="new-project-no-point">{t('newProject.noPoint')}</span>
                  )}
                  <button type="button" className={`btn small ${picking ? 'primary' : 'secondary'}`} onClick={() => onPickingChange(!picking)} aria-pressed={picking} data-testid="new-project-pick">
                    {picking ? t('newProject.picking') : point ? t('newProject.repick') : t('newProject.pick')}
                  </button>
                  {point && <button type="button" className="link" onClick={onClearPoint} data-testid="new-project-clear-point">{t('newProject.clearPoint')}</button>}
                </div>
              </div>
            </fieldset>
            <MutationError error={error} testId="new-project-error" />
            <div className="form-buttons">
              <button type="submit" className="btn primary" disabled={loading} data-testid="new-project-submit">
                {loading ? t('form.saving') : t('newProject.submit')}
              </button>
              <button type="button" className="btn secondary" onClick={onClose} disabled={loading}>{t('form.cancel')}</button>
            </div>
          </form>
        )}
      </div>
    </aside>
  );
}
