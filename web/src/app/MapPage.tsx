import type { Geometry } from 'geojson';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Header } from '../components/Header';
import { SearchBox, type SearchHit } from '../components/SearchBox';
import type { Header_ViewerFragment } from '../graphql/generated/graphql';
import { useAtlasConfig } from '../hooks/useAtlasConfig';
import { useT } from '../i18n';
import { atlasLayers, layerById, type EntityKind } from '../map/layers';
import { Legend } from '../map/Legend';
import { MapView, type LayerStatus, type MapHandle } from '../map/MapView';
import type { PanelNav } from '../panels/PanelNav';
import { SidePanel } from '../panels/SidePanel';
import { sameSelection, type Selection } from './selection';

const PANEL_WIDTH = 400;
const HIT_KIND: Record<string, EntityKind> = { PARK: 'park', ENTERPRISE: 'enterprise', PROJECT: 'project' };

interface Props {
  viewer: Header_ViewerFragment;
  onSignOut: () => void;
}

/** The signed-in screen: full-screen map, search, legend, and the record panel. */
export function MapPage({ viewer, onSignOut }: Props) {
  const t = useT();
  const { config } = useAtlasConfig();
  const mapRef = useRef<MapHandle>(null);
  const [visibility, setVisibility] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(atlasLayers.map((layer) => [layer.id, layer.visibleByDefault])),
  );
  const [status, setStatus] = useState<Record<string, LayerStatus | undefined>>({});
  const [history, setHistory] = useState<Selection[]>([]);
  const [notices, setNotices] = useState<string[]>([]);
  const selection = history.at(-1) ?? null;

  const open = useCallback((next: Selection) => {
    setHistory((h) => (sameSelection(h.at(-1), next) ? h : [...h.slice(-19), next]));
  }, []);

  const onLayerStatus = useCallback(
    (layerId: string, next: LayerStatus) => {
      setStatus((s) => ({ ...s, [layerId]: next }));
      const layer = layerById(layerId);
      if (next.state === 'error' && layer) {
        setNotices((n) => [...n, t('map.layerError', { name: t(layer.titleKey), message: next.message ?? '' })]);
      }
    },
    [t],
  );
  const onBasemapFailed = useCallback(() => setNotices((n) => [...n, t('map.basemapError')]), [t]);

  const onSearchChoose = useCallback(
    (hit: SearchHit) => {
      mapRef.current?.fitBbox(hit.bbox);
      const kind = HIT_KIND[hit.kind];
      if (kind) open({ kind, id: hit.id, fly: false });
    },
    [open],
  );

  const nav = useMemo<PanelNav | null>(
    () =>
      selection && {
        selection,
        canGoBack: history.length > 1,
        open,
        back: () => setHistory((h) => h.slice(0, -1)),
        close: () => setHistory([]),
        focus: (geometry: Geometry) => mapRef.current?.focusGeometry(geometry),
      },
    [selection, history.length, open],
  );

  return (
    <div className="map-page">
      <Header viewer={viewer} demo={config?.demo ?? false} onSignOut={onSignOut} />
      <main className={`map-main${selection ? ' with-panel' : ''}`}>
        {config ? (
          <MapView
            ref={mapRef}
            basemapStyleUrl={config.basemapStyleUrl}
            visibility={visibility}
            selection={selection}
            rightInset={selection ? PANEL_WIDTH : 0}
            onSelect={open}
            onLayerStatus={onLayerStatus}
            onBasemapFailed={onBasemapFailed}
          />
        ) : (
          <div className="splash" data-testid="map-loading">{t('map.loading')}</div>
        )}
        <div className="overlay-top-left">
          <SearchBox onChoose={onSearchChoose} />
          {notices.length > 0 && (
            <div className="notices" role="alert" data-testid="map-notices">
              {notices.map((notice, i) => (
                <p key={i} className="notice">
                  {notice}
                  <button type="button" className="link" onClick={() => setNotices((n) => n.filter((_, j) => j !== i))}>{t('map.dismiss')}</button>
                </p>
              ))}
            </div>
          )}
        </div>
        <div className="overlay-bottom-left">
          <Legend visibility={visibility} status={status} onToggle={(id, visible) => setVisibility((v) => ({ ...v, [id]: visible }))} />
        </div>
        {nav && <SidePanel nav={nav} />}
      </main>
    </div>
  );
}
