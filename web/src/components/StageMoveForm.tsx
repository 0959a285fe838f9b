import { useId, useState, type FormEvent } from 'react';
import type { ProjectActions_ProjectFragment, ProjectStage } from '../graphql/generated/graphql';
import { useMoveProjectStageMutation } from '../hooks/useMoveProjectStageMutation';
import { useT } from '../i18n';
import { MutationError } from './MutationError';
import { StageChip } from './StageChip';
import { lastStageDate, todayInChina } from '../app/dates';
import { isOffRamp } from './stageOrder';

interface Props {
  project: ProjectActions_ProjectFragment;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** 推进阶段: the next stages the server allows, on a date between the last stage date and today. */
export function StageMoveForm({ project, onDone, onCancel }: Props) {
  const t = useT();
  const name = useId();
  const moves = project.allowedMoves;
  const today = todayInChina();
  const last = lastStageDate(project.stageHistory);
  const [to, setTo] = useState<ProjectStage | undefined>(moves[0]);
  const [on, setOn] = useState(today);
  const [error, setError] = useState<unknown>(null);
  const [move, { loading }] = useMoveProjectStageMutation();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!to) return setError(t('stageMove.pickStage'));
    if (!on) return setError(t('form.dateRequired'));
    if (on > today) return setError(t('form.dateFuture'));
    if (last && on < last) return setError(t('stageMove.beforeLast', { date: last }));
    setError(null);
    try {
      await move(project.id, to, on);
      onDone(t('stageMove.done', { stage: t.enum('stage', to), date: on }));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form className="action-form" onSubmit={submit} onChange={() => setError(null)} data-testid="stage-move-form" noValidate>
      <h4>{t('actions.moveStage')}</h4>
      <fieldset className="stage-options" disabled={loading}>
        <legend>{t('stageMove.to')}</legend>
        {moves.map((stage) => (
          <label key={stage} className={`stage-option${to === stage ? ' chosen' : ''}`}>
            <input type="radio" name={name} value={stage} checked={to === stage} onChange={() => setTo(stage)} data-testid="stage-option" data-stage={stage} />
            <StageChip stage={stage} />
            {isOffRamp(stage) && <span className="muted small">{t('stageMove.offRampHint')}</span>}
          </label>
        ))}
      </fieldset>
      <label>
        {t('stageMove.on')}
        <input type="date" value={on} min={last ?? undefined} max={today} onChange={(e) => setOn(e.target.value)} disabled={loading} required data-testid="stage-move-date" />
      </label>
      {last && <p className="muted small">{t('stageMove.range', { from: last, to: today })}</p>}
      {to && isOffRamp(to) && <p className="warn" data-testid="stage-move-final">{t('stageMove.finalWarning', { stage: t.enum('stage', to) })}</p>}
      <MutationError error={error} testId="stage-move-error" />
      <div className="form-buttons">
        <button type="submit" className="btn primary" disabled={loading} data-testid="stage-move-submit">
          {loading ? t('form.saving') : t('stageMove.submit')}
        </button>
        <button type="button" className="btn secondary" onClick={onCancel} disabled={loading}>{t('form.cancel')}</button>
      </div>
    </form>
  );
}
