import type { Geometry } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
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

/**
 * A self-contained China-scale map (no remote tiles): each target at its real city, a line to the park or node
 * cluster it would come to, and a label per city. A later offline basemap can slot in under these layers.
 */
export function PipelineMap({ targets }: { targets: PipelineMapTarget[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const markers = useRef<maplibregl.Marker[]>([]);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!ref.current) return;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({ container: ref.current, style: localBaseStyle(), center: [112, 32.5], zoom: 3.6, attributionControl: false });
    } catch {
      return; // no WebGL: the table still holds everything
    }
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    mapRef.current = map;
    window.__atlasPipelineMap = map;
    map.on('load', () => {
      map.addSource('pipeline-lines', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource('pipeline-targets', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'pipeline-lines', type: 'line', source: 'pipeline-lines', paint: { 'line-color': '#607d8b', 'line-opacity': 0.35, 'line-width': 1 } });
      map.addLayer({
        id: 'pipeline-targets', type: 'circle', source: 'pipeline-targets',
        paint: { 'circle-radius': 5, 'circle-color': ['get', 'color'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 },
      });
      setReady(true);
    });
    return () => {
      markers.current.forEach((m) => m.remove());
      markers.current = [];
      map.remove();
      mapRef.current = null;
      if (window.__atlasPipelineMap === map) delete window.__atlasPipelineMap;
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    {
      const points = targets.flatMap((t) => {
        const at = asPoint(t.enterprise.location);
        return at ? [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: at }, properties: { id: t.id, name: t.enterprise.name, city: t.enterprise.city, color: STATUS_POINT[t.status] ?? '#90a4ae' } }] : [];
      });
      const lines = targets.flatMap((t) => {
        const from = asPoint(t.enterprise.location);
        const to = asPoint(t.destination);
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
