import { useT } from '../i18n';
import type { Selection } from '../app/selection';
import { VIEW_FEATURE_LIMIT, type ViewFeature } from './MapView';

const KIND_ENUM = { park: 'PARK', parcel: 'PARCEL', factoryBuilding: 'FACTORY_BUILDING', project: 'PROJECT', enterprise: 'ENTERPRISE', region: 'REGION' } as const;

interface Props {
  features: ViewFeature[];
  onSelect: (selection: Selection) => void;
}

/** The features drawn in the current map view as a list of buttons, so the keyboard and screen readers can pick them too. */
export function FeatureList({ features, onSelect }: Props) {
  const t = useT();
  const shown = features.slice(0, VIEW_FEATURE_LIMIT);
  return (
    <details className="feature-list panel-card" data-testid="feature-list">
      <summary>{t('a11y.featuresInView', { n: features.length > VIEW_FEATURE_LIMIT ? `${VIEW_FEATURE_LIMIT}+` : String(features.length) })}</summary>
      {shown.length === 0 ? (
        <p className="muted small">{t('a11y.featuresNone')}</p>
      ) : (
        <ul>
          {shown.map((f) => (
            <li key={`${f.kind}:${f.id}`}>
              <button type="button" className="link" onClick={() => onSelect({ kind: f.kind, id: f.id, fly: true })} data-testid="feature-list-item" data-kind={f.kind} data-id={f.id}>
                <span className={`kind-chip kind-${KIND_ENUM[f.kind].toLowerCase()}`}>{t.enum('kind', KIND_ENUM[f.kind])}</span> {f.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      {features.length > VIEW_FEATURE_LIMIT && <p className="muted small">{t('a11y.featuresMore', { n: String(VIEW_FEATURE_LIMIT) })}</p>}
    </details>
  );
}
