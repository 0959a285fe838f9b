import { useState } from 'react';
import type { ProjectActions_ProjectFragment } from '../graphql/generated/graphql';
import { useT } from '../i18n';
import { FundArrivalForm } from './FundArrivalForm';
import { ProjectEditForm } from './ProjectEditForm';
import { StageMoveForm } from './StageMoveForm';

type Action = 'move' | 'funds' | 'edit';

interface Props {
  project: ProjectActions_ProjectFragment;
}

/** What the viewer may do with a project (as the server says): move its stage, record funds, edit key figures; nothing for read-only roles. */
export function ProjectActions({ project }: Props) {
  const t = useT();
  const [open, setOpen] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!project.viewerCanEdit) return null;

  const canMove = project.allowedMoves.length > 0;
  const canFund = project.acceptsFundArrivals;
  const toggle = (action: Action) => {
    setNotice(null);
    setOpen((current) => (current === action ? null : action));
  };
  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
  };
  const cancel = () => setOpen(null);

  return (
    <section className="project-actions" data-testid="project-actions" aria-label={t('actions.title')}>
      <div className="action-buttons">
        {canMove && (
          <button type="button" className={`btn ${open === 'move' ? 'primary' : 'secondary'} small`} aria-expanded={open === 'move'} onClick={() => toggle('move')} data-testid="action-move-stage">
            {t('actions.moveStage')}
          </button>
        )}
        {canFund && (
          <button type="button" className={`btn ${open === 'funds' ? 'primary' : 'secondary'} small`} aria-expanded={open === 'funds'} onClick={() => toggle('funds')} data-testid="action-record-funds">
            {t('actions.recordFunds')}
          </button>
        )}
        <button type="button" className={`btn ${open === 'edit' ? 'primary' : 'secondary'} small`} aria-expanded={open === 'edit'} onClick={() => toggle('edit')} data-testid="action-edit">
          {t('actions.edit')}
        </button>
      </div>
      {!canMove && <p className="muted small" data-testid="stage-final">{t('actions.finalStage', { stage: t.enum('stage', project.stage) })}</p>}
      {notice && <p className="success" role="status" data-testid="action-notice">{notice}</p>}
      {open === 'move' && <StageMoveForm key={project.stage} project={project} onDone={done} onCancel={cancel} />}
      {open === 'funds' && <FundArrivalForm project={project} onDone={done} onCancel={cancel} />}
      {open === 'edit' && <ProjectEditForm project={project} onDone={done} onCancel={cancel} />}
    </section>
  );
}
