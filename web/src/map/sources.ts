import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { AtlasLayer } from './layers';
import { ogcItemsUrl } from './ogc';

// Where each layer's features come from. Tiles (/tiles) carry the same property names as the OGC features, so the
// layer specs, the planners' themes (expressions over properties) and the site finder's filter (feature ids) work
// with either. Every layer is drawn from vector tiles: no feature cap, only the tiles in view are fetched.
// A collection left out of this set would be drawn from OGC GeoJSON again (capped at 10,000 features).
const TILED = new Set<string>(['regions', 'parks', 'parcels', 'factory-buildings', 'projects', 'enterprises']);

// Polygon layers whose tiles also hold a "<collection>-label" layer of one point per feature (server/src/http/tiles.layers.ts):
// their symbol layers read it, so a polygon cut by tile edges is labelled once, not once per piece.
const LABELLED = new Set<string>(['regions', 'parks']);

export function isTiled(layer: AtlasLayer): boolean {
  return TILED.has(layer.collection);
}

/** TileJSON URL of a tiled layer (absolute: MapLibre fetches it from its worker), with the layer's filters. */
export function tileJsonUrl(layer: AtlasLayer): string {
  const query = new URLSearchParams(layer.query).toString();
  return `${window.location.origin}/tiles/${encodeURIComponent(layer.collection)}.json${query ? `?${query}` : ''}`;
}

/** The MapLibre source of a layer: a vector source over TileJSON, or GeoJSON from the OGC API. */
export function sourceFor(layer: AtlasLayer): SourceSpecification {
  return isTiled(layer) ? { type: 'vector', url: tileJsonUrl(layer) } : { type: 'geojson', data: ogcItemsUrl(layer) };
}

/** The MVT layer a map layer of `layer` draws from: the collection, or its label points for labels of polygons. */
function sourceLayerFor(layer: AtlasLayer, spec: LayerSpecification): string {
  return spec.type === 'symbol' && LABELLED.has(layer.collection) ? `${layer.collection}-label` : layer.collection;
}

/** A layer spec bound to its source; tiled sources name their source-layer. */
export function boundLayerSpec(layer: AtlasLayer, spec: LayerSpecification): LayerSpecification {
  return isTiled(layer) && spec.type !== 'background' ? { ...spec, 'source-layer': sourceLayerFor(layer, spec) } : spec;
}

/** The source layer to name in feature-state calls (undefined for GeoJSON sources). */
export function sourceLayerOf(layer: AtlasLayer): string | undefined {
  return isTiled(layer) ? layer.collection : undefined;
}
