import type { Geometry } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import type { FilterSpecification, GeoJSONSource, MapGeoJSONFeature, MapLayerMouseEvent, PaddingOptions, RequestParameters, VectorTileSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { authHeaders } from '../app/session';
import type { Selection } from '../app/selection';
import { useT } from '../i18n';
import { asBbox, bboxOf, type Bbox } from './geometry';
import {
  atlasLayers, clickableLayerIds, clusterClickZoom, clusterLayerIds, POINTS_ZOOM, entityForMapLayer, layerById, layerForEntity, parkLabel, type EntityKind, PARCELS_FILL_LAYER, PARCELS_LINE_LAYER,
  PARKS_FILL_LAYER, PARKS_LABEL_LAYER, PARKS_LINE_LAYER, themeById, themeColor, themeFilter,
} from './layers';
import { isOwnApiUrl, ogcItemsUrl } from './ogc';
import { boundLayerSpec, isTiled, sourceFor, sourceLayerOf, tileJsonUrl } from './sources';
import { onMapSourceReload } from './refresh';
import { HOME_CENTER, HOME_ZOOM, localBaseStyle } from './style';
import { displayCrs, gcj02DataUrl, type DisplayCrs } from './gcj02';
import { registerGcj02Protocol } from './gcj02Protocol';

// Bundled apps must tell MapLibre where its (self-contained, module) worker ended up.
maplibregl.setWorkerUrl(workerUrl);
registerGcj02Protocol();

declare global {
  interface Window {
    /** The live map, for browser tests (`queryRenderedFeatures`). */
    __atlasMap?: maplibregl.Map;
  }
}

export interface LayerStatus {
  state: 'loading' | 'ready' | 'error';
  count?: number;
  message?: string;
}

export interface MapHandle {
  focusGeometry(geometry: Geometry): void;
  fitBbox(bbox: readonly number[]): void;
}

interface Props {
  ref?: Ref<MapHandle>;
  basemapStyleUrl: string | null;
  /** The configured basemap's coordinate system: on a GCJ-02 basemap the data layers are drawn shifted to GCJ-02. */
  basemapCrs?: 'wgs84' | 'gcj02';
  visibility: Record<string, boolean>;
  selection: Selection | null;
  /** Width of the panel covering the right edge, kept clear when fitting. */
  rightInset: number;
  onSelect: (selection: Selection) => void;
  onLayerStatus: (layerId: string, status: LayerStatus) => void;
  onBasemapFailed: () => void;
  /** While set, a click on the map picks a point (lon, lat) instead of opening a record. */
  onPick?: ((lngLat: [number, number]) => void) | null;
  /** A picked point to mark on the map. */
  pickedPoint?: [number, number] | null;
  /** The selectable features drawn in the current view (after each move), for the keyboard list. */
  onFeaturesInView?: (features: ViewFeature[]) => void;
  /** Active theme per themed layer (parks, parcels) and the legend classes switched off per theme. */
  themes?: Record<string, string>;
  hiddenClasses?: Record<string, string[]>;
  /** Sites lit by the site finder (parcel ids) and the chosen site's outline. */
  litParcelIds?: string[];
  outline?: Geometry | null;
  /** Local enterprises lit on the map (e.g. those of a chain node, from the chain page): id and WGS 84 point. */
  litEnterprises?: LitPoint[];
}

/** A record drawn lit on the map at its own point. */
export interface LitPoint { id: string; coordinates: [number, number] }

/** MapLibre layers a theme restyles, per themed source: [fill, outline, label]. */
const THEMED: Record<string, { fill: string; line: string; label?: string }> = {
  parks: { fill: PARKS_FILL_LAYER, line: PARKS_LINE_LAYER, label: PARKS_LABEL_LAYER },
  parcels: { fill: PARCELS_FILL_LAYER, line: PARCELS_LINE_LAYER },
};
type Pad = Required<PaddingOptions>;
const NO_POINTS: LitPoint[] = [];
const LIT_LAYER = 'site-lit';
const LIT_ENTERPRISE_LAYER = 'enterprise-lit';
const OUTLINE_SOURCE = 'site-outline';
/** Parcels whose feature id is one of `ids`. */
const litFilter = (ids: readonly string[]): FilterSpecification => ['in', ['id'], ['literal', ids.map(Number)]];
const CJK_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/**
 * Padding that keeps the floating search box, legend and panel clear, shrunk so it always leaves room in the canvas
 * (MapLibre refuses to fit, "Map cannot fit within canvas", when padding exceeds the canvas).
 */
export function safePadding(width: number, height: number, wanted: Pad): Pad {
  const fitAxis = (a: number, b: number, size: number): [number, number] => {
    const room = size * 0.8;
    if (a + b <= room) return [a, b];
    const k = room / Math.max(1, a + b);
    return [Math.floor(a * k), Math.floor(b * k)];
  };
  const [left, right] = fitAxis(wanted.left, wanted.right, width);
  const [top, bottom] = fitAxis(wanted.top, wanted.bottom, height);
  return { top, bottom, left, right };
}

/** A selectable feature drawn in the current view. */
export interface ViewFeature { kind: EntityKind; id: string; label: string }

/** At most this many features are listed for the keyboard; zooming in narrows the view. */
export const VIEW_FEATURE_LIMIT = 60;

const HOVER_SKIP = new Set(['regions-fill']);

function featureLabel(feature: MapGeoJSONFeature): string {
  const p = feature.properties ?? {};
  return String(p.name ?? p.code ?? feature.id ?? '');
}

/** The MapLibre map: local base style (or the configured basemap), our OGC layers on top, click to select. */
export function MapView({
  ref, basemapStyleUrl, basemapCrs = 'wgs84', visibility, selection, rightInset, onSelect, onLayerStatus, onBasemapFailed, onPick = null, pickedPoint = null,
  themes = {}, hiddenClasses = {}, litParcelIds = [], outline = null, litEnterprises = NO_POINTS, onFeaturesInView,
}: Props) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  // Set when the app has moved the map to a record or area (focusGeometry, fitBbox): the opening city view, which
  // waits for the districts, must not undo that move when it comes later.
  const focusedRef = useRef(false);
  const [webglFailed, setWebglFailed] = useState(false);
  const [styleReady, setStyleReady] = useState(0);
  // Data (WGS 84) ↔ drawn coordinates: shifted only while a configured GCJ-02 basemap is shown.
  const display = useRef<DisplayCrs>(displayCrs(false));

  // Callbacks and state read from inside MapLibre handlers, always current.
  const latest = useRef({ visibility, onSelect, onLayerStatus, onBasemapFailed, rightInset, onPick, onFeaturesInView });
  latest.current = { visibility, onSelect, onLayerStatus, onBasemapFailed, rightInset, onPick, onFeaturesInView };

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let map: maplibregl.Map;
    display.current = displayCrs(basemapStyleUrl !== null && basemapCrs === 'gcj02');
    try {
      map = new maplibregl.Map({
        container,
        style: basemapStyleUrl ?? localBaseStyle(),
        center: HOME_CENTER,
        zoom: HOME_ZOOM,
        maxZoom: 19,
        attributionControl: false,
        // CJK labels are drawn in the browser with the system's Noto CJK font (fonts-noto-cjk), no glyph server needed.
        localIdeographFontFamily: CJK_FONT,
        // Our own API with the session; on a GCJ-02 basemap our GeoJSON data and tiles go through the gcj02 protocol (gcj02Protocol.ts).
        transformRequest: (url, kind): RequestParameters | undefined => (isOwnApiUrl(url)
          ? { url: display.current.shifted && (String(kind) === 'Source' || String(kind) === 'Tile') ? gcj02DataUrl(url) : url, headers: authHeaders() } : undefined),
      });
    } catch (error) {
      console.error('[atlas] map creation failed', error);
      setWebglFailed(true);
      return;
    }
    mapRef.current = map;
    window.__atlasMap = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');

    let fellBack = basemapStyleUrl === null;
    // Set once the configured style itself has loaded: errors after that (a layer queried too early, a source) are not the basemap failing.
    let basemapLoaded = false;
    map.on('style.load', () => { basemapLoaded = true; }); // (on, not once: once-listeners run after the others, ensureDataLayers included)
    const counted = new Set<string>();
    let fittedHome = false;
    let userMoved = false;
    map.on('dragstart', () => { userMoved = true; });
    map.on('wheel', () => { userMoved = true; });

    // The opening view fits the whole city (its districts), unless someone has already moved the map.
    const fitHome = (box: Bbox | null) => {
      if (fittedHome || !box) return;
      fittedHome = true;
      if (userMoved || focusedRef.current) return;
      const c = map.getContainer();
      // Leave the legend (left) clear on a wide screen; on a phone it is collapsed.
      const wanted = c.clientWidth < 700 ? { top: 70, bottom: 20, left: 10, right: 10 } : { top: 20, bottom: 20, left: 290, right: 20 };
      map.fitBounds([[box[0], box[1]], [box[2], box[3]]], { padding: safePadding(c.clientWidth, c.clientHeight, wanted), duration: 0 });
    };

    // Adds our sources and layers to whatever style is loaded (idempotent: a style switch drops them).
    const ensureDataLayers = () => {
      for (const layer of atlasLayers) {
        if (!map.getSource(layer.id)) {
          latest.current.onLayerStatus(layer.id, { state: 'loading' });
          counted.delete(layer.id);
          map.addSource(layer.id, sourceFor(layer));
        }
        const visible = latest.current.visibility[layer.id] ?? layer.visibleByDefault;
        for (const spec of layer.layers) {
          if (map.getLayer(spec.id)) continue;
          const bound = boundLayerSpec(layer, spec);
          map.addLayer({ ...bound, layout: { ...(bound.layout ?? {}), visibility: visible ? 'visible' : 'none' } });
        }
      }
      // Site finder: parcels of the listed sites lit in the parcels source, and the chosen site's outline.
      // Matched on the feature id, which GeoJSON features and vector tiles both carry.
      const parcels = layerById('parcels');
      if (parcels && map.getSource(parcels.id) && !map.getLayer(LIT_LAYER)) {
        map.addLayer(boundLayerSpec(parcels, { id: LIT_LAYER, type: 'line', source: parcels.id, filter: litFilter([]), paint: { 'line-color': '#00e5ff', 'line-width': 3 } }));
      }
      // A chain node's local enterprises lit at their own points (a source of their own: below zoom 16 the enterprises
      // tiles hold clusters, where a lit enterprise has no feature of its own).
      if (!map.getSource(LIT_ENTERPRISE_LAYER)) {
        map.addSource(LIT_ENTERPRISE_LAYER, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
        map.addLayer({
          id: LIT_ENTERPRISE_LAYER, type: 'circle', source: LIT_ENTERPRISE_LAYER,
          paint: { 'circle-radius': 8, 'circle-color': '#ffab00', 'circle-opacity': 0.9, 'circle-stroke-color': '#000000', 'circle-stroke-width': 2 },
        });
      }
      if (!map.getSource(OUTLINE_SOURCE)) {
        map.addSource(OUTLINE_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
        map.addLayer({ id: `${OUTLINE_SOURCE}-fill`, type: 'fill', source: OUTLINE_SOURCE, paint: { 'fill-color': '#00e5ff', 'fill-opacity': 0.25 } });
        map.addLayer({ id: `${OUTLINE_SOURCE}-line`, type: 'line', source: OUTLINE_SOURCE, paint: { 'line-color': '#006064', 'line-width': 3, 'line-dasharray': [2, 1] } });
      }
      setStyleReady((n) => n + 1);
    };
    map.on('style.load', ensureDataLayers);

    map.on('sourcedata', (event) => {
      const layer = layerById(event.sourceId);
      if (!layer || counted.has(layer.id) || event.sourceDataType !== 'metadata') return;
      counted.add(layer.id);
      // Tiles have no whole-layer count: the layer is ready once its TileJSON is read. Its bounds are the
      // extent of the layer's features (for regions?level=district, the districts): the city to open on.
      if (isTiled(layer)) {
        latest.current.onLayerStatus(layer.id, { state: 'ready' });
        if (layer.id === 'regions') fitHome(asBbox(map.getSource<VectorTileSource>(layer.id)?.bounds));
        return;
      }
      const source = map.getSource<GeoJSONSource>(layer.id);
      source
        ?.getData()
        .then((data) => {
          const count = data.type === 'FeatureCollection' ? data.features.length : 1;
          latest.current.onLayerStatus(layer.id, { state: 'ready', count });
          if (layer.id === 'regions' && data.type === 'FeatureCollection') {
            fitHome(bboxOf({ type: 'GeometryCollection', geometries: data.features.map((f) => f.geometry) }));
          }
        })
        .catch(() => latest.current.onLayerStatus(layer.id, { state: 'ready' }));
    });

    map.on('error', (event) => {
      const sourceId = (event as { sourceId?: string }).sourceId;
      const layer = sourceId ? layerById(sourceId) : undefined;
      const message = event.error?.message ?? 'error';
      if (layer) {
        counted.add(layer.id);
        latest.current.onLayerStatus(layer.id, { state: 'error', message });
      } else if (!fellBack && !basemapLoaded && !/does not exist in the map's style/.test(message)) {
        // The configured basemap is unreachable (offline intranet): fall back to the local style.
        console.warn('[atlas] the configured basemap failed; drawing the built-in one', event.error);
        fellBack = true;
        display.current = displayCrs(false);
        latest.current.onBasemapFailed();
        map.setStyle(localBaseStyle(), { diff: false });
      } else {
        console.warn('[atlas] map error', event.error);
      }
    });

    map.on('click', (event: MapLayerMouseEvent) => {
      const pick = latest.current.onPick;
      if (pick) {
        const [lng, lat] = display.current.fromDisplay([event.lngLat.lng, event.lngLat.lat]);
        pick([Number(lng.toFixed(6)), Number(lat.toFixed(6))]);
        return;
      }
      const layers = clickableLayerIds.filter((id) => map.getLayer(id));
      const [feature] = map.queryRenderedFeatures(event.point, { layers });
      // A cluster of points (tiles below zoom 15) above the record hit, if any: zoom in on it rather than open a panel.
      const clusters = clusterLayerIds.filter((id) => map.getLayer(id));
      const [cluster] = clusters.length ? map.queryRenderedFeatures(event.point, { layers: clusters }) : [];
      if (cluster && (!feature || feature.layer.type === 'fill' || feature.layer.type === 'line')) {
        map.easeTo({ center: event.lngLat, zoom: clusterClickZoom(map.getZoom()) });
        return;
      }
      if (!feature) return;
      const kind = entityForMapLayer(feature.layer.id);
      const id = feature.id ?? feature.properties?.id;
      if (kind && id != null) latest.current.onSelect({ kind, id: String(id), fly: false });
    });

    const hover = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'hover-popup', offset: 10, maxWidth: '280px' });
    map.on('mousemove', (event) => {
      if (latest.current.onPick) {
        hover.remove();
        map.getCanvas().style.cursor = 'crosshair';
        return;
      }
      const layers = clickableLayerIds.filter((id) => !HOVER_SKIP.has(id) && map.getLayer(id));
      const [feature] = map.queryRenderedFeatures(event.point, { layers });
      map.getCanvas().style.cursor = feature ? 'pointer' : '';
      if (!feature) {
        hover.remove();
        return;
      }
      hover.setLngLat(event.lngLat).setText(featureLabel(feature)).addTo(map);
    });
    map.on('mouseout', () => hover.remove());

    // The keyboard's way to the map: the selectable features drawn in view, once the map has settled.
    map.on('idle', () => {
      const report = latest.current.onFeaturesInView;
      if (!report) return;
      const layers = clickableLayerIds.filter((id) => map.getLayer(id));
      const seen = new Map<string, ViewFeature>();
      for (const feature of map.queryRenderedFeatures({ layers })) {
        const kind = entityForMapLayer(feature.layer.id);
        const id = feature.id ?? feature.properties?.id;
        if (!kind || id == null) continue;
        const key = `${kind}:${String(id)}`;
        if (!seen.has(key)) seen.set(key, { kind, id: String(id), label: featureLabel(feature) });
        if (seen.size > VIEW_FEATURE_LIMIT) break;
      }
      report([...seen.values()]);
    });

    // After a write, fetch the source again so colours and points follow the database.
    const stopReloads = onMapSourceReload((sourceId) => {
      const layer = layerById(sourceId);
      if (!layer || !map.getSource(sourceId)) return;
      if (isTiled(layer)) {
        // TileJSON and tiles again: their ETags carry the layer version, so changed ones come back new (the rest 304),
        // and the TileJSON bounds grow when a record lands outside the old extent.
        map.getSource<VectorTileSource>(sourceId)?.setUrl(tileJsonUrl(layer));
        return;
      }
      const source = map.getSource<GeoJSONSource>(sourceId)!;
      counted.delete(layer.id);
      latest.current.onLayerStatus(layer.id, { state: 'loading' });
      void source.setData(ogcItemsUrl(layer));
    });

    return () => {
      stopReloads();
      hover.remove();
      map.remove();
      mapRef.current = null;
      if (window.__atlasMap === map) delete window.__atlasMap;
    };
  }, [basemapStyleUrl, basemapCrs]);

  // Legend toggles.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady) return;
    for (const layer of atlasLayers) {
      const visible = visibility[layer.id] ?? layer.visibleByDefault;
      for (const spec of layer.layers) {
        if (map.getLayer(spec.id)) map.setLayoutProperty(spec.id, 'visibility', visible ? 'visible' : 'none');
      }
    }
  }, [visibility, styleReady]);

  // Themes: colour, legend-class filter and label figure of the themed layers.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady) return;
    for (const [layerId, ids] of Object.entries(THEMED)) {
      const theme = themeById(themes[layerId] ?? '');
      if (!theme || !map.getLayer(ids.fill)) continue;
      const color = themeColor(theme);
      const filter = themeFilter(theme, hiddenClasses[theme.id] ?? []);
      map.setPaintProperty(ids.fill, 'fill-color', color);
      map.setFilter(ids.fill, filter);
      if (layerId === 'parks') {
        map.setPaintProperty(ids.line, 'line-color', color);
        map.setFilter(ids.line, filter);
      }
      if (ids.label && map.getLayer(ids.label)) {
        map.setLayoutProperty(ids.label, 'text-field', parkLabel(theme));
        map.setFilter(ids.label, filter);
      }
    }
  }, [themes, hiddenClasses, styleReady]);

  // Site finder results.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady || !map.getLayer(LIT_LAYER)) return;
    map.setFilter(LIT_LAYER, litFilter(litParcelIds));
  }, [litParcelIds, styleReady]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady || !map.getLayer(LIT_ENTERPRISE_LAYER)) return;
    void map.getSource<GeoJSONSource>(LIT_ENTERPRISE_LAYER)?.setData({
      type: 'FeatureCollection',
      features: litEnterprises.map((e) => ({ type: 'Feature', id: Number(e.id), properties: { id: Number(e.id) }, geometry: { type: 'Point', coordinates: display.current.toDisplay(e.coordinates) } })),
    });
  }, [litEnterprises, styleReady]);
  useEffect(() => {
    const map = mapRef.current;
    const source = map?.getSource<GeoJSONSource>(OUTLINE_SOURCE);
    if (!map || !styleReady || !source) return;
    void source.setData(outline ? { type: 'Feature', properties: {}, geometry: display.current.geometryToDisplay(outline) } : { type: 'FeatureCollection', features: [] });
  }, [outline, styleReady]);

  // The point being picked for a new record, as a marker.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !pickedPoint) return;
    const marker = new maplibregl.Marker({ color: '#c62828' }).setLngLat(display.current.toDisplay(pickedPoint)).addTo(map);
    marker.getElement().dataset.testid = 'picked-point';
    return () => {
      marker.remove();
    };
  }, [pickedPoint, styleReady]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    map.getCanvas().style.cursor = onPick ? 'crosshair' : '';
  }, [onPick]);

  // Highlight the selected feature through feature-state (OGC features and tiles carry numeric ids).
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !styleReady || !selection) return;
    const layer = layerForEntity(selection.kind);
    const id = Number(selection.id);
    if (!layer || !map.getSource(layer.id) || !Number.isFinite(id)) return;
    const target = { source: layer.id, sourceLayer: sourceLayerOf(layer), id };
    map.setFeatureState(target, { selected: true });
    return () => {
      if (map.getSource(layer.id)) map.removeFeatureState(target, 'selected');
    };
  }, [selection, styleReady]);

  useImperativeHandle(ref, () => {
    const padding = (map: maplibregl.Map): Pad => {
      const c = map.getContainer();
      const narrow = c.clientWidth < 700;
      const inset = narrow ? 0 : latest.current.rightInset;
      // The search box and legend float over the left edge, the side panel over the right; on a phone they collapse.
      // On a phone the panel is a bottom sheet over about half the height.
      const sheet = narrow && latest.current.rightInset > 0 ? c.clientHeight * 0.52 : 0;
      const wanted = narrow ? { top: 70, bottom: 40 + sheet, left: 20, right: 20 } : { top: 80, bottom: 50, left: 300, right: inset + 40 };
      return safePadding(c.clientWidth, c.clientHeight, wanted);
    };
    const fit = (dataBbox: Bbox) => {
      const map = mapRef.current;
      if (!map) return;
      focusedRef.current = true;
      const bbox = display.current.bboxToDisplay(dataBbox);
      const p = padding(map);
      // Padding given to flyTo would stay on the map and add to every later fit; keep the map's own padding at zero
      // and shift a point with an offset instead.
      map.setPadding({ top: 0, bottom: 0, left: 0, right: 0 });
      if (bbox[0] === bbox[2] && bbox[1] === bbox[3]) {
        map.flyTo({ center: [bbox[0], bbox[1]], zoom: Math.max(map.getZoom(), POINTS_ZOOM), offset: [(p.left - p.right) / 2, (p.top - p.bottom) / 2], duration: 900 });
      } else {
        map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { padding: p, maxZoom: 16, duration: 900 });
      }
    };
    return {
      focusGeometry(geometry) {
        const bbox = bboxOf(geometry);
        if (bbox) fit(bbox);
      },
      fitBbox(values) {
        const bbox = asBbox(values);
        if (bbox) fit(bbox);
      },
    };
  }, []);

  return (
    <div className="map-view">
      <div ref={containerRef} className="map-canvas" data-testid="map" />
      {onPick && <div className="map-pick-hint" data-testid="map-pick-hint">{t('map.pickHint')}</div>}
      {webglFailed && <div className="map-overlay error" role="alert">{t('map.webglError')}</div>}
    </div>
  );
}
