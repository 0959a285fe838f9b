import { COLLECTIONS, type FeatureCollectionSpec } from './ogc.collections';

/** A vector tile layer: an OGC collection served as MVT under the same id and with the same properties. */
export interface TileLayerSpec extends FeatureCollectionSpec {
  minzoom: number;
  maxzoom: number;
  /** Also a "<id>-label" MVT layer of one point per feature, where the map writes the polygon's label. */
  labels: boolean;
}

/** Tiles are cut up to this zoom; MapLibre over-zooms beyond it. */
export const TILE_MAX_ZOOM = 16;

/** Polygon layers the map labels (district and park names). */
const LABELLED = new Set(['regions', 'parks']);

/** Every tile layer: regions, parks, parcels, factory buildings, projects, enterprises. */
export const TILE_LAYERS: TileLayerSpec[] = COLLECTIONS.map((c) => ({ ...c, minzoom: 0, maxzoom: TILE_MAX_ZOOM, labels: LABELLED.has(c.id) }));

/** Property names of a layer, read from its `json_build_object` arguments (for TileJSON `vector_layers.fields`). */
export function propertyNames(spec: FeatureCollectionSpec): string[] {
  return [...spec.properties.matchAll(/'([A-Za-z][A-Za-z0-9]*)',/g)].map((m) => m[1]);
}
