import { useState } from 'react';
import { useT } from '../i18n';
import { layerById, legendOrder, type LegendKey } from './layers';
import type { LayerStatus } from './MapView';

interface Props {
  visibility: Record<string, boolean>;
  status: Record<string, LayerStatus | undefined>;
  onToggle: (layerId: string, visible: boolean) => void;
}

function Swatch({ entry }: { entry: LegendKey }) {
  return <span className={`swatch ${entry.shape}`} style={entry.shape === 'line' ? { borderColor: entry.color } : { background: entry.color }} aria-hidden />;
}

/** Layer list with visibility toggles and colour keys. */
export function Legend({ visibility, status, onToggle }: Props) {
  const t = useT();
  const [open, setOpen] = useState(true);
  return (
    <section className={`legend panel-card${open ? '' : ' collapsed'}`} data-testid="legend" aria-label={t('legend.title')}>
      <header>
        <h2>{t('legend.title')}</h2>
        <button type="button" className="icon-btn" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="legend-collapse" title={open ? t('legend.collapse') : t('legend.expand')}>
          {open ? '−' : '+'}
        </button>
      </header>
      {open && (
        <ul className="legend-layers">
          {legendOrder.map((id) => {
            const layer = layerById(id);
            if (!layer) return null;
            const s = status[id];
            const visible = visibility[id] ?? layer.visibleByDefault;
            return (
              <li key={id} data-testid={`legend-layer-${id}`}>
                <label className="legend-toggle">
                  <input
                    type="checkbox"
                    checked={visible}
                    onChange={(e) => onToggle(id, e.target.checked)}
                    data-testid={`legend-toggle-${id}`}
                    aria-label={t('legend.show', { name: t(layer.titleKey) })}
                  />
                  <span className="legend-title">{t(layer.titleKey)}</span>
                  <span className={`legend-status ${s?.state ?? 'loading'}`} data-testid={`legend-status-${id}`} title={s?.message}>
                    {s?.state === 'error' ? t('legend.error') : s?.state === 'ready' ? (s.count != null ? t('legend.featureCount', { n: t.num(s.count, 0) }) : t('legend.tiled')) : t('legend.loading')}
                  </span>
                </label>
                {visible && (
                  <ul className="legend-keys">
                    {layer.legend.map((entry) => (
                      <li key={entry.labelKey}>
                        <Swatch entry={entry} />
                        {t(entry.labelKey)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
