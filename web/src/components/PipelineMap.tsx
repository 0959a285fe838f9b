import type { Geometry } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { displayCrs, type DisplayCrs } from '../map/gcj02';
import { localBaseStyle } from '../map/style';
import { STATUS_COLOR } from './chainLabels';

maplibregl.setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** The workspace's China-scale map, for browser tests. */
    __atlasPipelineMap?: maplibregl.Map;
  }
}

export interface PipelineMapTarget {
  id: string;
  status: string;
  enterprise: { name: string; city: string; location: Geometry };
  destination: Geometry | null;
}

const STATUS_POINT: Record<string, string> = {
  LEAD: '#90a4ae', CONTACTED: '#42a5f5', SITE_VISIT: '#7e57c2', NEGOTIATING: STATUS_COLOR.WEAK, SIGNED: STATUS_COLOR.STRONG, DROPPED: '#cfd8dc',
};

const asPoint = (g: Geometry | null): [number, number] | null => (g && g.type === 'Point' ? ((g).coordinates as [number, number]) : null);

interface PipelineMapProps {
  targets: PipelineMapTarget[];
  /** The configured basemap (ATLAS_BASEMAP_STYLE_URL); null, or unreachable, draws the built-in offline basemap. */
  basemapStyleUrl?: string | null;
  /** Its coordinate system: on a GCJ-02 basemap the points and lines are drawn shifted to GCJ-02. */
  basemapCrs?: 'wgs84' | 'gcj02';
}

/**
 * A China-scale map on the offline basemap (provinces, cities and their names, served by the product) or the configured
 * one: each target at its real city, a line to the park or node cluster it would come to, and a label per city.
 */
export function PipelineMap({ targets, basemapStyleUrl = null, basemapCrs = 'wgs84' }: PipelineMapProps) {
  const ref = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const markers = useRef<maplibregl.Marker[]>([]);
  const display = useRef<DisplayCrs>(displayCrs(false));
  const [ready, setReady] = useState(0);

  useEffect(() => {
    if (!ref.current) return;
    let map: maplibregl.Map;
    display.current = displayCrs(basemapStyleUrl !== null && basemapCrs === 'gcj02');
    try {
      map = new maplibregl.Map({ container: ref.current, style: basemapStyleUrl ?? localBaseStyle(), center: [112, 32.5], zoom: 3.6, attributionControl: false });
    } catch {
      return; // no WebGL: the table still holds everything
    }
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    mapRef.current = map;
    window.__atlasPipelineMap = map;
    let fellBack = basemapStyleUrl === null;
    let basemapLoaded = false;
    map.on('style.load', () => { basemapLoaded = true; }); // (on, not once: once-listeners run after the others, ensureDataLayers included)
    // Our layers on whatever style is loaded (a fallback to the built-in style drops them).
    map.on('style.load', () => {
      if (map.getSource('pipeline-targets')) return;
      map.addSource('pipeline-lines', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource('pipeline-targets', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'pipeline-lines', type: 'line', source: 'pipeline-lines', paint: { 'line-color': '#607d8b', 'line-opacity': 0.35, 'line-width': 1 } });
      map.addLayer({
        id: 'pipeline-targets', type: 'circle', source: 'pipeline-targets',
        paint: { 'circle-radius': 5, 'circle-color': ['get', 'color'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 },
      });
      setReady((n) => n + 1);
    });
    map.on('error', (event) => {
      // The configured basemap is unreachable (offline intranet): the built-in one, unshifted.
      if (fellBack || basemapLoaded || /does not exist in the map's style/.test(event.error?.message ?? '')) return;
      fellBack = true;
      display.current = displayCrs(false);
      map.setStyle(localBaseStyle(), { diff: false });
    });
    return () => {
      markers.current.forEach((m) => m.remove());
      markers.current = [];
      map.remove();
      mapRef.current = null;
      if (window.__atlasPipelineMap === map) delete window.__atlasPipelineMap;
    };
  }, [basemapStyleUrl, basemapCrs]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    {
      const shown = (g: Geometry | null) => {
        const p = asPoint(g);
        return p ? display.current.toDisplay(p) : null;
      };
      const points = targets.flatMap((t) => {
        const at = shown(t.enterprise.location);
        return at ? [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: at }, properties: { id: t.id, name: t.enterprise.name, city: t.enterprise.city, color: STATUS_POINT[t.status] ?? '#90a4ae' } }] : [];
      });
      const lines = targets.flatMap((t) => {
        const from = shown(t.enterprise.location);
        const to = shown(t.destination);
        return from && to && t.status !== 'DROPPED' ? [{ type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates: [from, to] }, properties: { id: t.id } }] : [];
      });
      void map.getSource<maplibregl.GeoJSONSource>('pipeline-targets')?.setData({ type: 'FeatureCollection', features: points });
      void map.getSource<maplibregl.GeoJSONSource>('pipeline-lines')?.setData({ type: 'FeatureCollection', features: lines });
      // City labels as HTML markers: they need no glyph server, so the map stays fully offline.
      markers.current.forEach((m) => m.remove());
      const byCity = new Map<string, { at: [number, number]; n: number }>();
      for (const p of points) {
        const c = byCity.get(p.properties.city);
        if (c) c.n += 1; else byCity.set(p.properties.city, { at: p.geometry.coordinates, n: 1 });
      }
      markers.current = [...byCity.entries()].map(([city, { at, n }]) => {
        const el = document.createElement('div');
        el.className = 'city-label';
        el.textContent = `${city} ${n}`;
        el.dataset.testid = 'pipeline-city';
        return new maplibregl.Marker({ element: el }).setLngLat(at).addTo(map);
      });
    }
  }, [targets, ready]);

  return <div ref={ref} className="pipeline-map" data-testid="pipeline-map" />;
}
