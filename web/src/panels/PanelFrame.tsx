import type { Geometry } from 'geojson';
import { useEffect, useRef, type ReactNode } from 'react';
import { errorCode, errorMessage } from '../app/apolloClient';
import { useT, type MessageKey } from '../i18n';
import { usePanelNav } from './PanelNav';

interface Props {
  kindKey: MessageKey;
  title: string | undefined;
  subtitle?: ReactNode;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  /** The record's geometry: the map flies to it when the panel was opened from a link. */
  geometry?: Geometry | null;
  children?: ReactNode;
}

/** Shared chrome of every side panel: header with back/close, loading and error states, fly-to. */
export function PanelFrame({ kindKey, title, subtitle, loading, error, onRetry, geometry, children }: Props) {
  const t = useT();
  const nav = usePanelNav();
  const flown = useRef<string | null>(null);
  const key = `${nav.selection.kind}:${nav.selection.id}`;

  useEffect(() => {
    if (!geometry || !nav.selection.fly || flown.current === key) return;
    flown.current = key;
    nav.focus(geometry);
  }, [geometry, key, nav]);

  const notFound = errorCode(error) === 'NOT_FOUND';
  return (
    <>
      <header className="panel-header">
        {nav.canGoBack && (
          <button type="button" className="icon-btn" onClick={nav.back} title={t('panel.back')} aria-label={t('panel.back')} data-testid="panel-back">
            ‹
          </button>
        )}
        <div className="panel-heading">
          <span className="panel-kind" data-testid="panel-kind">{t(kindKey)}</span>
          <h2 data-testid="panel-title">{title ?? (loading ? t('panel.loading') : '')}</h2>
          {subtitle && <div className="panel-subtitle">{subtitle}</div>}
        </div>
        {geometry && (
          <button type="button" className="btn secondary small" onClick={() => nav.focus(geometry)} data-testid="panel-zoom">
            {t('panel.zoomTo')}
          </button>
        )}
        <button type="button" className="icon-btn" onClick={nav.close} title={t('panel.close')} aria-label={t('panel.close')} data-testid="panel-close">
          ×
        </button>
      </header>
      <div className="panel-body" data-testid="panel-body">
        {loading && !title && <p className="muted" data-testid="panel-loading">{t('panel.loading')}</p>}
        {error != null && (
          <div className="error" role="alert" data-testid="panel-error">
            <p>{notFound ? t('panel.notFound') : t('panel.error', { message: errorMessage(error) })}</p>
            {!notFound && <button type="button" className="btn secondary small" onClick={onRetry}>{t('panel.retry')}</button>}
          </div>
        )}
        {children}
      </div>
    </>
  );
}
