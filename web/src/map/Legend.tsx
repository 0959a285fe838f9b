import { useState } from 'react';
import { useT } from '../i18n';
import { layerById, legendOrder, themeById, themesFor, type LegendKey } from './layers';
import type { LayerStatus } from './MapView';

interface Props {
  visibility: Record<string, boolean>;
  status: Record<string, LayerStatus | undefined>;
  onToggle: (layerId: string, visible: boolean) => void;
  /** Active theme per themed layer, and the classes switched off per theme. */
  themes?: Record<string, string>;
  hiddenClasses?: Record<string, string[]>;
  onThemeChange?: (layerId: string, themeId: string) => void;
  onToggleClass?: (themeId: string, classKey: string, visible: boolean) => void;
}

function Swatch({ entry }: { entry: LegendKey }) {
  return <span className={`swatch ${entry.shape}`} style={entry.shape === 'line' ? { borderColor: entry.color } : { background: entry.color }} aria-hidden />;
}

/** Layer list with visibility toggles and colour keys. */
export function Legend({ visibility, status, onToggle, themes = {}, hiddenClasses = {}, onThemeChange, onToggleClass }: Props) {
  const t = useT();
  // Collapsed at first on a phone, so the map stays usable.
  const [open, setOpen] = useState(() => !(typeof window !== 'undefined' && window.matchMedia?.('(max-width: 700px)').matches));
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
                {visible && themesFor(id).length > 0 && onThemeChange && (() => {
                  const theme = themeById(themes[id] ?? '') ?? themesFor(id)[0];
                  const hidden = hiddenClasses[theme.id] ?? [];
                  return (
                    <div className="legend-theme">
                      <select
                        value={theme.id}
                        onChange={(e) => onThemeChange(id, e.target.value)}
                        data-testid={`theme-select-${id}`}
                        aria-label={`${t(layer.titleKey)} ${t('theme.label')}`}
                      >
                        {themesFor(id).map((th) => <option key={th.id} value={th.id}>{t(th.titleKey)}</option>)}
                      </select>
                      <ul className="legend-keys legend-classes" data-testid={`legend-classes-${id}`}>
                        {theme.classes.map((c) => (
                          <li key={c.key}>
                            <label className={hidden.includes(c.key) ? 'off' : ''}>
                              <input
                                type="checkbox"
                                checked={!hidden.includes(c.key)}
                                onChange={(e) => onToggleClass?.(theme.id, c.key, e.target.checked)}
                                data-testid={`legend-class-${theme.id}-${c.key}`}
                                aria-label={t('theme.classToggle', { name: t(c.labelKey) })}
                              />
                              <span className="swatch fill" style={{ background: c.color }} aria-hidden />
                              {t(c.labelKey)}
                            </label>
                          </li>
                        ))}
                      </ul>
                    </div>
                  );
                })()}
                {visible && !(themesFor(id).length > 0 && onThemeChange) && (
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
