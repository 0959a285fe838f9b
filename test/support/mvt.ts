import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

export interface DecodedFeature { id: number; type: number; properties: Record<string, unknown>; rings: number }

/** Decodes one layer of an MVT with @mapbox/vector-tile: ids, geometry types and attributes. */
export function decodeLayer(tile: Uint8Array, layer: string): { extent: number; features: DecodedFeature[] } | null {
  const vt = new VectorTile(new PbfReader(tile));
  const l = vt.layers[layer];
  if (!l) return null;
  const features: DecodedFeature[] = [];
  for (let i = 0; i < l.length; i++) {
    const f = l.feature(i);
    features.push({ id: Number(f.id), type: f.type, properties: { ...f.properties }, rings: f.loadGeometry().length });
  }
  return { extent: l.extent, features };
}

/** The XYZ tile holding a lon/lat at zoom z. */
export function tileAt(lon: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return [z, Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)];
}

/** The point features of one layer with their tile coordinates (first point of each); ids NaN where a feature has none. */
export function decodePoints(tile: Uint8Array, layer: string): { id: number; x: number; y: number; properties: Record<string, unknown> }[] {
  const l = new VectorTile(new PbfReader(tile)).layers[layer];
  if (!l) return [];
  const out: { id: number; x: number; y: number; properties: Record<string, unknown> }[] = [];
  for (let i = 0; i < l.length; i++) {
    const f = l.feature(i);
    const [[pt]] = f.loadGeometry();
    out.push({ id: f.id === undefined ? NaN : Number(f.id), x: pt.x, y: pt.y, properties: { ...f.properties } });
  }
  return out;
}
