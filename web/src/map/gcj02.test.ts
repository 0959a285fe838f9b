import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { displayCrs, gcj02DataUrl, realDataUrl, shiftIfGeoJson } from './gcj02';

// Metres between two lon/lat points (equirectangular; fine over a few kilometres).
const metres = (a: number[], b: number[]) => {
  const k = Math.PI / 180;
  const x = (b[0] - a[0]) * k * Math.cos(((a[1] + b[1]) / 2) * k);
  const y = (b[1] - a[1]) * k;
  return Math.hypot(x, y) * 6_371_000;
};

describe('GCJ-02 display transform', () => {
  const home: [number, number] = [115.65, 34.41];

  it('does nothing unless the basemap is GCJ-02', () => {
    const d = displayCrs(false);
    expect(d.toDisplay(home)).toEqual(home);
    expect(d.fromDisplay(home)).toEqual(home);
  });

  it('shifts data onto a GCJ-02 basemap by hundreds of metres, and a picked point back to within half a metre', () => {
    const d = displayCrs(true);
    const shown = d.toDisplay(home);
    expect(metres(home, shown)).toBeGreaterThan(100);
    expect(metres(home, shown)).toBeLessThan(1000);
    expect(metres(home, d.fromDisplay(shown))).toBeLessThan(0.5);
    const [x0, y0, x1, y1] = d.bboxToDisplay([115.6, 34.4, 115.7, 34.5]);
    expect(metres([115.6, 34.4], [x0, y0])).toBeGreaterThan(100);
    expect(x1 - x0).toBeCloseTo(0.1, 3);
    expect(y1 - y0).toBeCloseTo(0.1, 3);
  });

  it('shifts every vertex of GeoJSON answers (features without geometry left alone) and leaves other JSON as it is', () => {
    const ring = [[115.6, 34.4], [115.61, 34.4], [115.61, 34.41], [115.6, 34.4]];
    const fc: FeatureCollection = { type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { id: 1 }, geometry: { type: 'Polygon', coordinates: [ring.map((p) => [...p])] } },
      { type: 'Feature', properties: { id: 2 }, geometry: null as unknown as Polygon },
    ] };
    const out = shiftIfGeoJson(fc) as FeatureCollection;
    const got = (out.features[0].geometry as Polygon).coordinates[0];
    got.forEach((p, i) => expect(metres(ring[i], p)).toBeGreaterThan(100));
    const back = displayCrs(true);
    got.forEach((p, i) => expect(metres(ring[i], back.fromDisplay(p as [number, number]))).toBeLessThan(0.5));
    const tileJson = { tilejson: '3.0.0', tiles: ['http://x/{z}/{x}/{y}.pbf'] };
    expect(shiftIfGeoJson(structuredClone(tileJson))).toEqual(tileJson);
    // The outline of a site is shifted on a copy: the caller's geometry stays in WGS 84.
    const g = { type: 'Polygon' as const, coordinates: [ring.map((p) => [...p])] };
    back.geometryToDisplay(g);
    expect(g.coordinates[0]).toEqual(ring);
  });

  it('routes data URLs through the gcj02 protocol and back', () => {
    const url = 'http://127.0.0.1:4000/ogc/collections/parks/items?limit=10000';
    expect(gcj02DataUrl(url)).toBe(`gcj02+${url}`);
    expect(realDataUrl(gcj02DataUrl(url))).toBe(url);
  });
});
