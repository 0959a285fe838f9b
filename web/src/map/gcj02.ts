import type { GeoJSON, Geometry } from 'geojson';
import gcoord from 'gcoord';
import type { Bbox } from './geometry';

// Drawing on a GCJ-02 basemap (AMap, Tencent): the data stays in WGS 84 / CGCS2000 everywhere (database, API, forms);
// only what the map draws is shifted to GCJ-02, and what a click picks is shifted back. With any other basemap
// (or the built-in one) nothing is shifted.

type LngLat = [number, number];

/** Between the data's coordinates (WGS 84) and the coordinates the map draws in. */
export interface DisplayCrs {
  readonly shifted: boolean;
  toDisplay(p: LngLat): LngLat;
  fromDisplay(p: LngLat): LngLat;
  geometryToDisplay<G extends Geometry>(g: G): G;
  bboxToDisplay(b: Bbox): Bbox;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

export function displayCrs(shifted: boolean): DisplayCrs {
  if (!shifted) {
    return { shifted, toDisplay: (p) => p, fromDisplay: (p) => p, geometryToDisplay: (g) => g, bboxToDisplay: (b) => b };
  }
  const toDisplay = (p: LngLat): LngLat => gcoord.transform<LngLat>(p, gcoord.WGS84, gcoord.GCJ02);
  return {
    shifted,
    toDisplay,
    // gcoord inverts GCJ-02 by iteration, to well under a metre.
    fromDisplay: (p) => {
      const [lng, lat] = gcoord.transform<LngLat>(p, gcoord.GCJ02, gcoord.WGS84);
      return [round6(lng), round6(lat)];
    },
    geometryToDisplay: (g) => shiftGeoJson(structuredClone(g)),
    bboxToDisplay: (b) => {
      const [x0, y0] = toDisplay([b[0], b[1]]);
      const [x1, y1] = toDisplay([b[2], b[3]]);
      return [x0, y0, x1, y1];
    },
  };
}

const GEOJSON_TYPES = new Set(['FeatureCollection', 'Feature', 'Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/** Shifts every coordinate of a GeoJSON object from WGS 84 to GCJ-02, in place; features without geometry are left alone. */
export function shiftGeoJson<T extends GeoJSON>(value: T): T {
  if (value.type === 'FeatureCollection') {
    for (const f of value.features) if (f.geometry) shiftGeoJson(f.geometry);
  } else if (value.type === 'Feature') {
    if (value.geometry) shiftGeoJson(value.geometry);
  } else if (value.type === 'GeometryCollection') {
    value.geometries.forEach((g) => shiftGeoJson(g));
  } else {
    gcoord.transform(value as never, gcoord.WGS84, gcoord.GCJ02);
  }
  return value;
}

const PREFIX = 'gcj02+';

/** The URL MapLibre should load for GeoJSON data drawn on a GCJ-02 basemap (handled by gcj02Protocol.ts). */
export const gcj02DataUrl = (url: string): string => `${PREFIX}${url}`;
/** The real URL behind a gcj02DataUrl. */
export const realDataUrl = (url: string): string => (url.startsWith(PREFIX) ? url.slice(PREFIX.length) : url);
export const GCJ02_SCHEMES = [`${PREFIX}http`, `${PREFIX}https`];

/** A JSON answer shifted to GCJ-02 when it is GeoJSON; anything else (e.g. a TileJSON) unchanged. */
export function shiftIfGeoJson(body: unknown): unknown {
  const type = (body as { type?: unknown } | null)?.type;
  return typeof type === 'string' && GEOJSON_TYPES.has(type) ? shiftGeoJson(body as GeoJSON) : body;
}
