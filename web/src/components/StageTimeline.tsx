import type { StageTimeline_ProjectFragment } from '../graphql/generated/graphql';
import { useT } from '../i18n';
import { stageColors } from '../map/layers/projects';
import { LIFECYCLE, OFF_RAMPS } from './stageOrder';

/** The lifecycle as a vertical timeline: reached stages with their dates, the current one marked, an off-ramp at the end. */
export function StageTimeline({ project }: { project: StageTimeline_ProjectFragment }) {
  const t = useT();
  const entered = new Map(project.stageHistory.map((e) => [e.stage, e.enteredOn]));
  const offRamp = OFF_RAMPS.find((s) => entered.has(s) || project.stage === s);
  const steps = offRamp ? [...LIFECYCLE.filter((s) => entered.has(s)), offRamp] : LIFECYCLE;
  return (
    <section className="timeline-section" data-testid="stage-timeline">
      <h3>{t('field.stageHistory')}</h3>
      {project.stageHistory.length === 0 && <p className="muted">{t('stage.none')}</p>}
      <ol className="timeline">
        {steps.map((stage) => {
          const date = entered.get(stage);
          const current = stage === project.stage;
          const color = stageColors[stage.toLowerCase() as keyof typeof stageColors];
          return (
            <li key={stage} className={`${date || current ? 'reached' : 'pending'}${current ? ' current' : ''}`} data-testid="timeline-step" data-stage={stage}>
              <span className="marker" style={date || current ? { background: color, borderColor: color } : undefined} />
              <span className="step-name">{t.enum('stage', stage)}</span>
              <span className="step-date">{date ?? ''}</span>
              {current && <span className="current-tag">{t('stage.current')}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
