import { VectorTile } from '@mapbox/vector-tile';
import { fromVectorTileJs, type VectorTileLayerLike } from '@maplibre/vt-pbf';
import { PbfReader } from 'pbf';
import { displayCrs } from './gcj02';

// Vector tiles drawn on a GCJ-02 basemap: every vertex of a tile is moved from WGS 84 to GCJ-02 (through lon/lat and
// back to the tile's own grid) and the tile is encoded again. The shift (some hundreds of metres, smooth) is far smaller
// than the tile buffer at the zoom levels where it is visible, so features keep their neighbours across tile edges.

/** z/x/y of a tile URL (`…/{z}/{x}/{y}.mvt` or `.pbf`), or null. */
export function tileOfUrl(url: string): { z: number; x: number; y: number } | null {
  const m = /\/(\d+)\/(\d+)\/(\d+)\.(?:mvt|pbf)(?:[?#]|$)/.exec(url);
  return m ? { z: Number(m[1]), x: Number(m[2]), y: Number(m[3]) } : null;
}

/** Tile z/x/y's data with every vertex shifted from WGS 84 to GCJ-02. */
export function shiftTile(data: ArrayBuffer | Uint8Array, z: number, x: number, y: number): Uint8Array {
  const tile = new VectorTile(new PbfReader(data instanceof Uint8Array ? data : new Uint8Array(data)));
  const gcj = displayCrs(true);
  const n = 2 ** z;
  const layers: Record<string, VectorTileLayerLike> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const e = layer.extent;
    const move = (p: { x: number; y: number }) => {
      const lon = ((x + p.x / e) / n) * 360 - 180;
      const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (y + p.y / e)) / n))) * 180) / Math.PI;
      const [glon, glat] = gcj.toDisplay([lon, lat]);
      const s = Math.sin((glat * Math.PI) / 180);
      p.x = Math.round((((glon + 180) / 360) * n - x) * e);
      p.y = Math.round(((1 - Math.log((1 + s) / (1 - s)) / (2 * Math.PI)) / 2 * n - y) * e);
    };
    layers[name] = {
      version: layer.version, name, extent: e, length: layer.length,
      feature: (i) => {
        const f = layer.feature(i);
        return {
          type: f.type, properties: f.properties, id: f.id, extent: e,
          loadGeometry: () => {
            const g = f.loadGeometry();
            for (const ring of g) for (const p of ring) move(p);
            return g;
          },
        };
      },
    };
  }
  return fromVectorTileJs({ layers });
}
