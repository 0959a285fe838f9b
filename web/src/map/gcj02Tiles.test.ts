import { VectorTile } from '@mapbox/vector-tile';
import { fromVectorTileJs, type VectorTileLayerLike } from '@maplibre/vt-pbf';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { displayCrs } from './gcj02';
import { shiftTiles, sourceTiles, tileOfUrl, tileUrl } from './gcj02Tiles';

// Tile grid ↔ lon/lat (Web Mercator), written out here independently of gcj02Tiles.ts.
const toLonLat = (z: number, x: number, y: number, e: number, px: number, py: number): [number, number] => {
  const n = 2 ** z;
  return [((x + px / e) / n) * 360 - 180, (Math.atan(Math.sinh(Math.PI * (1 - (2 * (y + py / e)) / n))) * 180) / Math.PI];
};
const toGrid = (z: number, x: number, y: number, e: number, lon: number, lat: number): [number, number] => {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [((lon + 180) / 360 * n - x) * e, ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n - y) * e];
};

describe('vector tiles on a GCJ-02 basemap', () => {
  // Tile 14 at 商丘 and a parcel-sized square in it.
  const z = 14;
  const x = Math.floor(((115.65 + 180) / 360) * 2 ** z);
  const y = Math.floor(((1 - Math.log(Math.tan((34.41 * Math.PI) / 180) + 1 / Math.cos((34.41 * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z);
  const ring = [[1000, 1000], [1400, 1000], [1400, 1300], [1000, 1300], [1000, 1000]];
  const layer: VectorTileLayerLike = {
    version: 2, name: 'parcels', extent: 4096, length: 1,
    feature: () => ({ type: 3, id: 42, extent: 4096, properties: { code: 'T-1', areaMu: 12.5 }, loadGeometry: () => [ring.map(([px, py]) => ({ x: px, y: py }))] as never }),
  };
  const bytes = fromVectorTileJs({ layers: { parcels: layer } });

  it('reads and writes z/x/y of tile URLs', () => {
    expect(tileOfUrl('http://h/tiles/parcels/14/13454/6500.mvt?v=3')).toEqual({ z: 14, x: 13454, y: 6500 });
    expect(tileOfUrl('http://h/tiles/parcels.json')).toBeNull();
    expect(tileUrl('http://h/tiles/parcels/14/13454/6500.mvt?v=3', { z: 14, x: 13453, y: 6501 })).toBe('http://h/tiles/parcels/14/13453/6501.mvt?v=3');
  });

  it('moves every vertex by the GCJ-02 shift (hundreds of grid units at z14), keeping ids and properties', () => {
    const out = new VectorTile(new PbfReader(shiftTiles([{ tile: { z, x, y }, data: bytes }], { z, x, y })));
    const f = out.layers.parcels.feature(0);
    expect(f.id).toBe(42);
    expect(f.properties).toEqual({ code: 'T-1', areaMu: 12.5 });
    const got = f.loadGeometry()[0];
    const gcj = displayCrs(true);
    for (const [i, [px, py]] of ring.entries()) {
      const [lon, lat] = toLonLat(z, x, y, 4096, px, py);
      const [wx, wy] = toGrid(z, x, y, 4096, ...gcj.toDisplay([lon, lat]));
      expect(Math.abs(got[i].x - wx)).toBeLessThanOrEqual(1);
      expect(Math.abs(got[i].y - wy)).toBeLessThanOrEqual(1);
      expect(Math.hypot(got[i].x - px, got[i].y - py)).toBeGreaterThan(100);
    }
  });

  it('draws a tile from the WGS 84 tiles that cover it once shifted: at z16 the western neighbour\'s data moves in', () => {
    const z16 = { z: 16, x: x * 4, y: y * 4 };
    const from = sourceTiles(z16);
    expect(from.length).toBeGreaterThan(1);
    expect(from.some((t) => t.x === z16.x - 1)).toBe(true);
    // A square near the east edge of the western neighbour (GCJ-02 moves it some hundreds of metres east).
    const west = { z: 16, x: z16.x - 1, y: z16.y };
    const sq = [[3800, 2000], [4000, 2000], [4000, 2200], [3800, 2200], [3800, 2000]];
    const l: VectorTileLayerLike = { ...layer, feature: () => ({ type: 3, id: 7, extent: 4096, properties: { code: 'W-1' }, loadGeometry: () => [sq.map(([px, py]) => ({ x: px, y: py }))] as never }) };
    const out = new VectorTile(new PbfReader(shiftTiles([{ tile: west, data: fromVectorTileJs({ layers: { parcels: l } }) }], z16)));
    const got = out.layers.parcels.feature(0).loadGeometry()[0];
    const gcj = displayCrs(true);
    for (const [i, [px, py]] of sq.entries()) {
      const [lon, lat] = toLonLat(16, west.x, west.y, 4096, px, py);
      const [wx, wy] = toGrid(16, z16.x, z16.y, 4096, ...gcj.toDisplay([lon, lat]));
      expect(Math.abs(got[i].x - wx)).toBeLessThanOrEqual(1);
      expect(Math.abs(got[i].y - wy)).toBeLessThanOrEqual(1);
    }
    // Inside the drawn tile now.
    expect(got.every((p) => p.x > 0 && p.x < 4096)).toBe(true);
  });
});
