import * as maplibregl from 'maplibre-gl';
import { GCJ02_SCHEMES, realDataUrl, shiftIfGeoJson } from './gcj02';
import { shiftTiles, sourceTiles, tileOfUrl, tileUrl } from './gcj02Tiles';

let registered = false;

/**
 * Registers `gcj02+http(s)://` with MapLibre: it fetches the real URL (with the headers transformRequest gave it)
 * and shifts a GeoJSON answer or a vector tile to GCJ-02 for display; any other answer (e.g. a TileJSON) passes unchanged.
 */
export function registerGcj02Protocol(): void {
  if (registered) return;
  registered = true;
  for (const scheme of GCJ02_SCHEMES) {
    maplibregl.addProtocol(scheme, async (params, abort) => {
      const url = realDataUrl(params.url);
      const res = await fetch(url, { headers: params.headers as HeadersInit | undefined, signal: abort.signal });
      if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
      if (params.type === 'arrayBuffer') {
        const at = tileOfUrl(url);
        if (!at) return { data: await res.arrayBuffer() };
        // The drawn tile takes its data from the WGS 84 tiles covering it once shifted back (this one among them, usually).
        const parts = await Promise.all(sourceTiles(at).map(async (tile) => {
          const same = tile.x === at.x && tile.y === at.y;
          const r = same ? res : await fetch(tileUrl(url, tile), { headers: params.headers as HeadersInit | undefined, signal: abort.signal });
          return { tile, data: r.ok ? await r.arrayBuffer() : new ArrayBuffer(0) };
        }));
        if (!parts.some((p) => p.tile.x === at.x && p.tile.y === at.y)) await res.body?.cancel();
        const shifted = shiftTiles(parts, at);
        return { data: shifted.buffer.slice(shifted.byteOffset, shifted.byteOffset + shifted.byteLength) as ArrayBuffer, cacheControl: res.headers.get('cache-control'), expires: res.headers.get('expires') };
      }
      return { data: shiftIfGeoJson(await res.json()) as object, cacheControl: res.headers.get('cache-control'), expires: res.headers.get('expires') };
    });
  }
}
