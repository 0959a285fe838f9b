import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { AtlasLayer } from './layers';
import { ogcItemsUrl } from './ogc';

// Where each layer's features come from. Tiles (/tiles) carry the same property names as the OGC features, so
// the layer specs work with either. The map draws every layer from GeoJSON for now: the planners' themes, the site
// finder's lit parcels and the map tests read GeoJSON sources; a layer moves to tiles by adding its collection here.
const TILED = new Set<string>([]);

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

/** A layer spec bound to its source; tiled sources name their source-layer (the collection id). */
export function boundLayerSpec(layer: AtlasLayer, spec: LayerSpecification): LayerSpecification {
  return isTiled(layer) && spec.type !== 'background' ? ({ ...spec, 'source-layer': layer.collection }) : spec;
}

/** The source layer to name in feature-state calls (undefined for GeoJSON sources). */
export function sourceLayerOf(layer: AtlasLayer): string | undefined {
  return isTiled(layer) ? layer.collection : undefined;
}
