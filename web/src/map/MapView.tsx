import type { Geometry } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, MapGeoJSONFeature, MapLayerMouseEvent, PaddingOptions, RequestParameters } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { authHeaders } from '../app/session';
import type { Selection } from '../app/selection';
import { useT } from '../i18n';
import { asBbox, bboxOf, type Bbox } from './geometry';
import { atlasLayers, clickableLayerIds, entityForMapLayer, layerById, layerForEntity, type EntityKind } from './layers';
import { isOwnApiUrl, ogcItemsUrl } from './ogc';
import { boundLayerSpec, isTiled, sourceFor, sourceLayerOf } from './sources';
import { onMapSourceReload } from './refresh';
import { HOME_CENTER, HOME_ZOOM, localBaseStyle } from './style';

// Bundled apps must tell MapLibre where its (self-contained, module) worker ended up.
maplibregl.setWorkerUrl(workerUrl);

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
export function MapView({ ref, basemapStyleUrl, visibility, selection, rightInset, onSelect, onLayerStatus, onBasemapFailed, onPick = null, pickedPoint = null, onFeaturesInView }: Props) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [webglFailed, setWebglFailed] = useState(false);
  const [styleReady, setStyleReady] = useState(0);

  // Callbacks and state read from inside MapLibre handlers, always current.
  const latest = useRef({ visibility, onSelect, onLayerStatus, onBasemapFailed, rightInset, onPick, onFeaturesInView });
  latest.current = { visibility, onSelect, onLayerStatus, onBasemapFailed, rightInset, onPick, onFeaturesInView };

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container,
        style: basemapStyleUrl ?? localBaseStyle(),
        center: HOME_CENTER,
        zoom: HOME_ZOOM,
        maxZoom: 19,
        attributionControl: false,
        transformRequest: (url): RequestParameters | undefined => (isOwnApiUrl(url) ? { url, headers: authHeaders() } : undefined),
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
    const counted = new Set<string>();

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
      setStyleReady((n) => n + 1);
    };
    map.on('style.load', ensureDataLayers);

    map.on('sourcedata', (event) => {
      const layer = layerById(event.sourceId);
      if (!layer || counted.has(layer.id) || event.sourceDataType !== 'metadata') return;
      counted.add(layer.id);
      // Tiles have no whole-layer count: the layer is ready once its TileJSON is read.
      if (isTiled(layer)) {
        latest.current.onLayerStatus(layer.id, { state: 'ready' });
        return;
      }
      const source = map.getSource<GeoJSONSource>(layer.id);
      source
        ?.getData()
        .then((data) => {
          const count = data.type === 'FeatureCollection' ? data.features.length : 1;
          latest.current.onLayerStatus(layer.id, { state: 'ready', count });
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
      } else if (!fellBack && !map.isStyleLoaded()) {
        // The configured basemap is unreachable (offline intranet): fall back to the local style.
        fellBack = true;
        latest.current.onBasemapFailed();
        map.setStyle(localBaseStyle(), { diff: false });
      } else {
        console.warn('[atlas] map error', event.error);
      }
    });

    map.on('click', (event: MapLayerMouseEvent) => {
      const pick = latest.current.onPick;
      if (pick) {
        pick([Number(event.lngLat.lng.toFixed(6)), Number(event.lngLat.lat.toFixed(6))]);
        return;
      }
      const layers = clickableLayerIds.filter((id) => map.getLayer(id));
      const [feature] = map.queryRenderedFeatures(event.point, { layers });
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
        // The tiles' ETags carry the layer version, so refetching returns the new tiles (and 304 for the rest).
        map.refreshTiles(sourceId);
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
  }, [basemapStyleUrl]);

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

  // The point being picked for a new record, as a marker.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !pickedPoint) return;
    const marker = new maplibregl.Marker({ color: '#c62828' }).setLngLat(pickedPoint).addTo(map);
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
    const padding = (): PaddingOptions => {
      const inset = latest.current.rightInset;
      // The search box and legend float over the left edge, the side panel over the right.
      return { top: 80, bottom: 50, left: 300, right: inset + 40 };
    };
    const fit = (bbox: Bbox) => {
      const map = mapRef.current;
      if (!map) return;
      if (bbox[0] === bbox[2] && bbox[1] === bbox[3]) {
        map.flyTo({ center: [bbox[0], bbox[1]], zoom: Math.max(map.getZoom(), 15), padding: padding(), duration: 900 });
      } else {
        map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { padding: padding(), maxZoom: 16, duration: 900 });
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
