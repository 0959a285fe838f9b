import { VectorTile } from '@mapbox/vector-tile';
import { fromVectorTileJs, type VectorTileFeatureLike, type VectorTileLayerLike } from '@maplibre/vt-pbf';
import { PbfReader } from 'pbf';
import { displayCrs } from './gcj02';

// Vector tiles drawn on a GCJ-02 basemap. The shift (some hundreds of metres) is as large as a whole tile at high zoom,
// and MapLibre clips each tile's drawing to the tile, so shifting a tile in place is not enough: the tile drawn at
// z/x/y (a GCJ-02 square) is assembled from the WGS 84 tiles that cover that square shifted back, every vertex moved
// from WGS 84 to GCJ-02 and onto the drawn tile's grid, then encoded again.

type TileId = { z: number; x: number; y: number };
const TILE_PATH = /\/(\d+)\/(\d+)\/(\d+)\.(mvt|pbf)(?=[?#]|$)/;

/** z/x/y of a tile URL (`…/{z}/{x}/{y}.mvt` or `.pbf`), or null. */
export function tileOfUrl(url: string): TileId | null {
  const m = TILE_PATH.exec(url);
  return m ? { z: Number(m[1]), x: Number(m[2]), y: Number(m[3]) } : null;
}

/** The same tile URL for another x/y at the same zoom. */
export function tileUrl(url: string, t: TileId): string {
  return url.replace(TILE_PATH, (_all, _z, _x, _y, ext: string) => `/${t.z}/${t.x}/${t.y}.${ext}`);
}

const lonLatOf = (z: number, x: number, y: number): [number, number] => {
  const n = 2 ** z;
  return [(x / n) * 360 - 180, (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI];
};
const tileXYOf = (z: number, lon: number, lat: number): [number, number] => {
  const n = 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lon + 180) / 360) * n, (1 - Math.log((1 + s) / (1 - s)) / (2 * Math.PI)) / 2 * n];
};

/** The WGS 84 tiles whose data lands in the drawn (GCJ-02) tile `t`. */
export function sourceTiles(t: TileId): TileId[] {
  const gcj = displayCrs(true);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
    const [lon, lat] = gcj.fromDisplay(lonLatOf(t.z, t.x + dx, t.y + dy));
    const [tx, ty] = tileXYOf(t.z, lon, lat);
    xs.push(tx);
    ys.push(ty);
  }
  const out: TileId[] = [];
  const n = 2 ** t.z;
  for (let x = Math.floor(Math.min(...xs)); x <= Math.min(n - 1, Math.floor(Math.max(...xs))); x++) {
    for (let y = Math.floor(Math.min(...ys)); y <= Math.min(n - 1, Math.floor(Math.max(...ys))); y++) out.push({ z: t.z, x, y });
  }
  return out;
}

/** The drawn tile `to`, from the WGS 84 tiles' data (each with its tile id), every vertex moved to GCJ-02 on `to`'s grid. */
export function shiftTiles(parts: { tile: TileId; data: ArrayBuffer | Uint8Array }[], to: TileId): Uint8Array {
  const gcj = displayCrs(true);
  const layers = new Map<string, { version: number; extent: number; features: VectorTileFeatureLike[] }>();
  for (const { tile: from, data } of parts) {
    if (data.byteLength === 0) continue;
    const tile = new VectorTile(new PbfReader(data instanceof Uint8Array ? data : new Uint8Array(data)));
    for (const [name, layer] of Object.entries(tile.layers)) {
      const e = layer.extent;
      const into = layers.get(name) ?? { version: layer.version, extent: e, features: [] };
      layers.set(name, into);
      const move = (p: { x: number; y: number }) => {
        const [lon, lat] = gcj.toDisplay(lonLatOf(from.z, from.x + p.x / e, from.y + p.y / e));
        const [tx, ty] = tileXYOf(to.z, lon, lat);
        p.x = Math.round((tx - to.x) * into.extent);
        p.y = Math.round((ty - to.y) * into.extent);
      };
      for (let i = 0; i < layer.length; i++) {
        const f = layer.feature(i);
        const geometry = f.loadGeometry();
        for (const ring of geometry) for (const p of ring) move(p);
        into.features.push({ type: f.type, properties: f.properties, id: f.id, extent: into.extent, loadGeometry: () => geometry });
      }
    }
  }
  const out: Record<string, VectorTileLayerLike> = {};
  for (const [name, l] of layers) {
    out[name] = { version: l.version, name, extent: l.extent, length: l.features.length, feature: (i) => l.features[i] };
  }
  return fromVectorTileJs({ layers: out });
}
