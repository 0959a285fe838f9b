import { useState, type FormEvent } from 'react';
import type { ProjectActions_ProjectFragment, UpdateProjectInput } from '../graphql/generated/graphql';
import { useUpdateProjectMutation } from '../hooks/useUpdateProjectMutation';
import { useT, type MessageKey } from '../i18n';
import { numberText, parseNumber } from './formNumbers';
import { MutationError } from './MutationError';

type AmountField = 'agreedInvestment' | 'fixedAssetInvestment' | 'landNeedMu' | 'foreignInvestment';
const AMOUNTS: [AmountField, MessageKey][] = [
  ['agreedInvestment', 'edit.agreedInvestment'],
  ['fixedAssetInvestment', 'edit.fixedAssetInvestment'],
  ['landNeedMu', 'edit.landNeedMu'],
  ['foreignInvestment', 'edit.foreignInvestment'],
];

interface Props {
  project: ProjectActions_ProjectFragment;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** 编辑: the key figures of a project; only changed fields are sent, an emptied amount clears it. */
export function ProjectEditForm({ project, onDone, onCancel }: Props) {
  const t = useT();
  const [name, setName] = useState(project.name);
  const [amounts, setAmounts] = useState<Record<AmountField, string>>(() => ({
    agreedInvestment: numberText(project.agreedInvestment),
    fixedAssetInvestment: numberText(project.fixedAssetInvestment),
    landNeedMu: numberText(project.landNeedMu),
    foreignInvestment: numberText(project.foreignInvestment),
  }));
  const [error, setError] = useState<unknown>(null);
  const [update, { loading }] = useUpdateProjectMutation();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError(t('form.nameRequired'));
    const input: UpdateProjectInput = {};
    if (name.trim() !== project.name) input.name = name.trim();
    for (const [field, labelKey] of AMOUNTS) {
      const value = parseNumber(amounts[field]);
      if (value !== null && (!Number.isFinite(value) || value < 0)) return setError(t('form.notNegative', { field: t(labelKey) }));
      if (value !== (project[field] ?? null)) input[field] = value;
    }
    if (Object.keys(input).length === 0) return setError(t('edit.nothingChanged'));
    setError(null);
    try {
      await update(project.id, input);
      onDone(t('edit.done'));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form className="action-form" onSubmit={submit} onChange={() => setError(null)} data-testid="project-edit-form" noValidate>
      <h4>{t('actions.edit')}</h4>
      <fieldset className="form-grid" disabled={loading}>
        <label className="wide">
          {t('field.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} required data-testid="edit-name" />
        </label>
        {AMOUNTS.map(([field, labelKey]) => (
          <label key={field}>
            {t(labelKey)}
            <input type="number" inputMode="decimal" min="0" step="any" value={amounts[field]}
              onChange={(e) => setAmounts((a) => ({ ...a, [field]: e.target.value }))} data-testid={`edit-${field}`} />
          </label>
        ))}
      </fieldset>
      <p className="muted small">{t('edit.clearHint')}</p>
      <MutationError error={error} testId="edit-error" />
      <div className="form-buttons">
        <button type="submit" className="btn primary" disabled={loading} data-testid="edit-submit">
          {loading ? t('form.saving') : t('form.save')}
        </button>
        <button type="button" className="btn secondary" onClick={onCancel} disabled={loading}>{t('form.cancel')}</button>
      </div>
    </form>
  );
}
