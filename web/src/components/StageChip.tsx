import { stageColors } from '../map/layers/projects';
import { useT } from '../i18n';

/** A project stage as a coloured chip, using the map's stage colours. */
export function StageChip({ stage }: { stage: string }) {
  const t = useT();
  const color = stageColors[stage.toLowerCase() as keyof typeof stageColors] ?? '#757575';
  return (
    <span className="stage-chip" style={{ borderColor: color }} data-stage={stage}>
      <span className="dot" style={{ background: color }} />
      {t.enum('stage', stage)}
    </span>
  );
}
