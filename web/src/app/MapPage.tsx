import type { Geometry } from 'geojson';
import { useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MapChainNodeQueryDocument } from '../graphql/generated/graphql';
import { Header } from '../components/Header';
import { NewProjectDialog } from '../components/NewProjectDialog';
import { SearchBox, type SearchHit } from '../components/SearchBox';
import { useAtlasConfig } from '../hooks/useAtlasConfig';
import { useT } from '../i18n';
import { atlasLayers, DEFAULT_THEMES, layerById, type EntityKind } from '../map/layers';
import './planner.css';
import { Legend } from '../map/Legend';
import { FeatureList } from '../map/FeatureList';
import { MapView, type LayerStatus, type MapHandle, type ViewFeature } from '../map/MapView';
import type { PanelNav } from '../panels/PanelNav';
import { SidePanel } from '../panels/SidePanel';
import { SiteFinderPanel, type FoundSite } from '../panels/SiteFinderPanel';
import { hrefFor, navigate, type PageProps } from './routes';
import { sameSelection, type Selection } from './selection';

const PANEL_WIDTH = 400;
const LINKABLE: EntityKind[] = ['project', 'park', 'enterprise', 'region', 'parcel'];
const HIT_KIND: Record<string, EntityKind> = { PARK: 'park', ENTERPRISE: 'enterprise', PROJECT: 'project' };

/** The signed-in screen: full-screen map, search, legend, and the record panel. */
export function MapPage({ viewer, onSignOut, params }: PageProps) {
  const t = useT();
  const { config } = useAtlasConfig();
  const mapRef = useRef<MapHandle>(null);
  const [visibility, setVisibility] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(atlasLayers.map((layer) => [layer.id, layer.visibleByDefault])),
  );
  const [status, setStatus] = useState<Record<string, LayerStatus | undefined>>({});
  // Map themes (parks, parcels) and the legend classes switched off per theme.
  const [themes, setThemes] = useState<Record<string, string>>(DEFAULT_THEMES);
  const [hiddenClasses, setHiddenClasses] = useState<Record<string, string[]>>({});
  // 选址: the site finder takes the panel's place; its sites are lit on the map, the chosen one outlined.
  const [finding, setFinding] = useState(false);
  const [litParcelIds, setLitParcelIds] = useState<string[]>([]);
  const [chosenSite, setChosenSite] = useState<FoundSite | null>(null);
  const [siteOutline, setSiteOutline] = useState<Geometry | null>(null);
  const closeFinder = useCallback(() => {
    setFinding(false);
    setLitParcelIds([]);
    setChosenSite(null);
    setSiteOutline(null);
  }, []);
  const onChooseSite = useCallback((site: FoundSite | null, outline: Geometry | null) => {
    setChosenSite(site);
    setSiteOutline(outline);
    if (outline) mapRef.current?.focusGeometry(outline);
  }, []);
  const onThemeChange = useCallback((layerId: string, themeId: string) => setThemes((m) => ({ ...m, [layerId]: themeId })), []);
  const onToggleClass = useCallback((themeId: string, key: string, visible: boolean) =>
    setHiddenClasses((m) => {
      const now = (m[themeId] ?? []).filter((k) => k !== key);
      return { ...m, [themeId]: visible ? now : [...now, key] };
    }), []);
  const [history, setHistory] = useState<Selection[]>([]);
  const [notices, setNotices] = useState<string[]>([]);
  const [inView, setInView] = useState<ViewFeature[]>([]);
  const selection = history.at(-1) ?? null;
  // 新建项目: the dialog takes the panel's place; while picking, a map click sets the location instead of selecting.
  const [creating, setCreating] = useState(false);
  const [picking, setPicking] = useState(false);
  const [pickedPoint, setPickedPoint] = useState<[number, number] | null>(null);

  const open = useCallback((next: Selection) => {
    setHistory((h) => (sameSelection(h.at(-1), next) ? h : [...h.slice(-19), next]));
  }, []);

  // `#/map/<kind>/<id>` (e.g. from the assessment drill-down) opens that record's panel and flies to it.
  const [kindParam, idParam] = params;
  useEffect(() => {
    if (kindParam && idParam && LINKABLE.includes(kindParam as EntityKind)) open({ kind: kindParam as EntityKind, id: idParam, fly: true });
  }, [kindParam, idParam, open]);

  // `#/map/chainNode/<id>` (the chain page's "show on map") lights that node's local enterprises and fits the map to them.
  const litNodeId = kindParam === 'chainNode' && idParam ? idParam : null;
  const { data: litData } = useQuery(MapChainNodeQueryDocument, { variables: { id: litNodeId ?? '' }, skip: !litNodeId });
  const litNode = litNodeId ? litData?.chainNode ?? null : null;
  const litEnterprises = useMemo(
    () => litNode?.enterprises.nodes.flatMap((e) => (e.location.type === 'Point' ? [{ id: e.id, coordinates: e.location.coordinates as [number, number] }] : [])) ?? [],
    [litNode],
  );
  // Fit once the opening view (the whole city, set when the districts load) is in place, or it would undo the fit.
  const homeReady = status.regions?.state === 'ready';
  useEffect(() => {
    const points = litNode?.enterprises.nodes.flatMap((e) => (e.location.type === 'Point' ? [e.location.coordinates] : [])) ?? [];
    if (points.length === 0 || !homeReady) return;
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    mapRef.current?.fitBbox([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
  }, [litNode, homeReady]);

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

  // While the new-project dialog is open, search only moves the map (to find the place to pick).
  // An enterprise is not flown to here: its panel flies to local ones only, so outside candidates keep the city map.
  const onSearchChoose = useCallback(
    (hit: SearchHit) => {
      if (hit.kind === 'ENTERPRISE' && !creating) return open({ kind: 'enterprise', id: hit.id, fly: true });
      mapRef.current?.fitBbox(hit.bbox);
      const kind = HIT_KIND[hit.kind];
      if (kind && !creating) open({ kind, id: hit.id, fly: false });
    },
    [open, creating],
  );
  const onMapSelect = useCallback((next: Selection) => {
    if (!creating) open(next);
  }, [open, creating]);

  const closeNewProject = useCallback(() => {
    setCreating(false);
    setPicking(false);
    setPickedPoint(null);
  }, []);
  const onPick = useCallback((lngLat: [number, number]) => {
    setPickedPoint(lngLat);
    setPicking(false);
  }, []);
  const onCreated = useCallback(
    (id: string, located: boolean) => {
      closeNewProject();
      open({ kind: 'project', id, fly: located });
    },
    [open, closeNewProject],
  );
  const onPickingChange = useCallback((on: boolean) => setPicking(on), []);
  const onClearPoint = useCallback(() => setPickedPoint(null), []);

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
      <Header
        viewer={viewer}
        demo={config?.demo ?? false}
        onSignOut={onSignOut}
        actions={<>
          <button type="button" className="btn secondary" onClick={() => { setCreating(false); setFinding(true); }} disabled={finding} data-testid="site-finder-open">
            {t('site.button')}
          </button>
          {viewer.canCreateProjects && (
            <button type="button" className="btn primary" onClick={() => { closeFinder(); setCreating(true); }} disabled={creating} data-testid="new-project">
              {t('newProject.button')}
            </button>
          )}
        </>}
      />
      <main className={`map-main${selection || creating || finding ? ' with-panel' : ''}`}>
        {config ? (
          <MapView
            ref={mapRef}
            basemapStyleUrl={config.basemapStyleUrl}
            basemapCrs={config.basemapCrs}
            visibility={visibility}
            selection={selection}
            rightInset={selection || creating || finding ? PANEL_WIDTH : 0}
            onSelect={onMapSelect}
            onPick={creating && picking ? onPick : null}
            pickedPoint={creating ? pickedPoint : null}
            onLayerStatus={onLayerStatus}
            onBasemapFailed={onBasemapFailed}
            onFeaturesInView={setInView}
            themes={themes}
            hiddenClasses={hiddenClasses}
            litParcelIds={litParcelIds}
            outline={siteOutline}
            litEnterprises={litEnterprises}
          />
        ) : (
          <div className="splash" data-testid="map-loading">{t('map.loading')}</div>
        )}
        <div className="overlay-top-left">
          <SearchBox onChoose={onSearchChoose} />
          {litNode && (
            <p className="node-lit" data-testid="map-node-lit" data-count={litNode.enterprises.totalCount}>
              <a href={hrefFor('chains', litNode.chain.id, litNode.id)}>{litNode.chain.name}</a>{' · '}
              {litNode.enterprises.totalCount ? t('chain.mapLit', { node: litNode.name, n: litNode.enterprises.totalCount }) : t('chain.mapLitNone', { node: litNode.name })}
              <button type="button" className="link" onClick={() => navigate('map')} data-testid="map-node-lit-clear">{t('chain.mapLitClear')}</button>
            </p>
          )}
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
          <FeatureList features={inView} onSelect={onMapSelect} />
          <Legend
            visibility={visibility}
            status={status}
            onToggle={(id, visible) => setVisibility((v) => ({ ...v, [id]: visible }))}
            themes={themes}
            hiddenClasses={hiddenClasses}
            onThemeChange={onThemeChange}
            onToggleClass={onToggleClass}
          />
        </div>
        {creating ? (
          <NewProjectDialog
            viewer={viewer}
            point={pickedPoint}
            picking={picking}
            onPickingChange={onPickingChange}
            onClearPoint={onClearPoint}
            onCreated={onCreated}
            onClose={closeNewProject}
          />
        ) : finding && !selection ? (
          <SiteFinderPanel
            chosen={chosenSite}
            onResults={setLitParcelIds}
            onChoose={onChooseSite}
            onOpenPark={(id) => open({ kind: 'park', id, fly: false })}
            onClose={closeFinder}
          />
        ) : (
          nav && <SidePanel nav={nav} />
        )}
      </main>
    </div>
  );
}
