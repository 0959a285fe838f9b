import GeoJSONVT from 'geojson-vt';
import type { Feature, Geometry } from 'geojson';
import vtpbf from 'vt-pbf';
import { LABEL_SUFFIX, TILE_BUFFER, TILE_EXTENT } from './tiles.sql';

/** Longitude/latitude bounds of an XYZ Web Mercator tile, widened by `buffer` pixels of `extent`. */
export function tileBounds(z: number, x: number, y: number, buffer = 0, extent = TILE_EXTENT): [number, number, number, number] {
  const n = 2 ** z;
  const pad = buffer / extent;
  const lon = (tx: number) => (tx / n) * 360 - 180;
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  const clampLat = (v: number) => Math.max(-85.0511287798066, Math.min(85.0511287798066, v));
  return [lon(x - pad), clampLat(lat(y + 1 + pad)), lon(x + 1 + pad), clampLat(lat(y - pad))];
}

/** True when z/x/y name a tile of the XYZ scheme. */
export function validTile(z: number, x: number, y: number, maxZoom = 22): boolean {
  if (![z, x, y].every(Number.isInteger) || z < 0 || z > maxZoom) return false;
  const n = 2 ** z;
  return x >= 0 && x < n && y >= 0 && y < n;
}

/** Properties as ST_AsMVT writes them from jsonb: nulls, arrays and objects are left out. */
function mvtProperties(props: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(props)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/** A feature row of the fallback: geometry, properties and (for labelled layers) the label point; clusters have no id. */
export interface TileFeatureRow { id: number | null; geometry: Geometry; props: Record<string, unknown>; label?: Geometry | null }

/** One layer of tile z/x/y cut by geojson-vt, or null when nothing falls in it. */
function cut(features: Feature[], z: number, x: number, y: number, buffer: number) {
  if (!features.length) return null;
  const index = new GeoJSONVT({ type: 'FeatureCollection', features }, {
    maxZoom: z, indexMaxZoom: 0, indexMaxPoints: 0, extent: TILE_EXTENT, buffer, tolerance: 1,
  });
  const tile = index.getTile(z, x, y);
  return tile && tile.features.length ? tile : null;
}

/**
 * The embedded database's tile encoder (PGlite's PostGIS has no ST_AsMVT): geojson-vt clips and simplifies
 * the features into tile space with the same extent and buffer, vt-pbf writes the MVT protobuf. Label points
 * (labelled layers) go into "<layer>-label" with no buffer, as ST_AsMVT's statement puts them.
 */
export function encodeTile(layer: string, z: number, x: number, y: number, rows: TileFeatureRow[], labels = false): Buffer {
  if (!rows.length) return Buffer.alloc(0);
  const feature = (r: TileFeatureRow, geometry: Geometry): Feature =>
    ({ type: 'Feature', ...(r.id == null ? {} : { id: Number(r.id) }), geometry, properties: mvtProperties(r.props) });
  const layers: Record<string, NonNullable<ReturnType<typeof cut>>> = {};
  const shapes = cut(rows.map((r) => feature(r, r.geometry)), z, x, y, TILE_BUFFER);
  if (shapes) layers[layer] = shapes;
  if (labels) {
    const points = cut(rows.filter((r) => r.label).map((r) => feature(r, r.label!)), z, x, y, 0);
    if (points) layers[`${layer}${LABEL_SUFFIX}`] = points;
  }
  if (!Object.keys(layers).length) return Buffer.alloc(0);
  return Buffer.from(vtpbf.fromGeojsonVt(layers, { version: 2, extent: TILE_EXTENT }));
}
