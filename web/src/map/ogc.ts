import type { AtlasLayer } from './layers';

/** OGC API Features items URL for a layer; absolute, because the GeoJSON is fetched from MapLibre's worker. */
export function ogcItemsUrl(layer: AtlasLayer): string {
  const params = new URLSearchParams({ limit: '10000', ...layer.query });
  return `${window.location.origin}/ogc/collections/${encodeURIComponent(layer.collection)}/items?${params}`;
}

/** True for requests to our own API (features, tiles, config), which need the session token. */
export function isOwnApiUrl(url: string): boolean {
  return ['/ogc/', '/api/', '/tiles/'].some((path) => url.startsWith(`${window.location.origin}${path}`));
}
