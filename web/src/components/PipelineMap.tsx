import type { Geometry } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { displayCrs, type DisplayCrs } from '../map/gcj02';
import { localBaseStyle } from '../map/style';

maplibregl.setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** The workspace's China-scale map, for browser tests. */
    __atlasPipelineMap?: maplibregl.Map;
  }
}

/** Open targets of one home city, and where they would come to (counted on the server). */
export interface PipelineMapCity {
  city: string;
  location: Geometry;
  count: number;
  destinations: { to: Geometry; count: number }[];
}

interface PipelineMapProps {
  cities: PipelineMapCity[];
  /** The configured basemap (ATLAS_BASEMAP_STYLE_URL); null, or unreachable, draws the built-in offline basemap. */
  basemapStyleUrl?: string | null;
  /** Its coordinate system: on a GCJ-02 basemap the points and lines are drawn shifted to GCJ-02. */
  basemapCrs?: 'wgs84' | 'gcj02';
}

const asPoint = (g: Geometry | null): [number, number] | null => (g && g.type === 'Point' ? ((g).coordinates as [number, number]) : null);

/**
 * A China-scale map on the offline basemap (provinces, cities and their names, served by the product) or the configured
 * one: a circle per home city of open targets (sized by how many), lines to the park or node cluster they would come
 * to, and a label per city.
 */
export function PipelineMap({ cities, basemapStyleUrl = null, basemapCrs = 'wgs84' }: PipelineMapProps) {
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
    map.on('style.load', () => { basemapLoaded = true; }); // (on, not once: once-listeners run after the others)
    // Our layers on whatever style is loaded (a fallback to the built-in style drops them).
    map.on('style.load', () => {
      if (map.getSource('pipeline-targets')) return;
      map.addSource('pipeline-lines', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource('pipeline-targets', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'pipeline-lines', type: 'line', source: 'pipeline-lines', paint: { 'line-color': '#607d8b', 'line-opacity': 0.4, 'line-width': ['min', 4, ['+', 0.5, ['/', ['get', 'count'], 4]]] } });
      map.addLayer({
        id: 'pipeline-targets', type: 'circle', source: 'pipeline-targets',
        paint: { 'circle-radius': ['min', 14, ['+', 4, ['sqrt', ['get', 'count']]]], 'circle-color': '#1e88e5', 'circle-opacity': 0.8, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 },
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
    const shown = (g: Geometry | null) => {
      const p = asPoint(g);
      return p ? display.current.toDisplay(p) : null;
    };
    const points = cities.flatMap((c) => {
      const at = shown(c.location);
      return at ? [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: at }, properties: { city: c.city, count: c.count } }] : [];
    });
    const lines = cities.flatMap((c) => {
      const from = shown(c.location);
      return from ? c.destinations.flatMap((d) => {
        const to = shown(d.to);
        return to ? [{ type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates: [from, to] }, properties: { city: c.city, count: d.count } }] : [];
      }) : [];
    });
    void map.getSource<maplibregl.GeoJSONSource>('pipeline-targets')?.setData({ type: 'FeatureCollection', features: points });
    void map.getSource<maplibregl.GeoJSONSource>('pipeline-lines')?.setData({ type: 'FeatureCollection', features: lines });
    // City labels as HTML markers, drawn by the browser with its CJK fonts.
    markers.current.forEach((m) => m.remove());
    markers.current = points.map((p) => {
      const el = document.createElement('div');
      el.className = 'city-label';
      el.textContent = `${p.properties.city} ${p.properties.count}`;
      el.dataset.testid = 'pipeline-city';
      return new maplibregl.Marker({ element: el }).setLngLat(p.geometry.coordinates).addTo(map);
    });
  }, [cities, ready]);

  return <div ref={ref} className="pipeline-map" data-testid="pipeline-map" />;
}
