import { describe, expect, it } from 'vitest';
import { MAX_VERTICES, validateGeoJson } from './geojson.scalar';

const square = [[[115, 34], [115.01, 34], [115.01, 34.01], [115, 34.01], [115, 34]]];

describe('GeoJSON scalar validation', () => {
  it('accepts valid WGS 84 geometries', () => {
    expect(validateGeoJson({ type: 'Point', coordinates: [115.65, 34.41] })).toEqual({ type: 'Point', coordinates: [115.65, 34.41] });
    expect(validateGeoJson({ type: 'Polygon', coordinates: square }).type).toBe('Polygon');
  });
  it('rejects out-of-range coordinates and hints at projected input', () => {
    expect(() => validateGeoJson({ type: 'Point', coordinates: [39500000, 3800000] })).toThrow(/reproject to EPSG:4326/);
    expect(() => validateGeoJson({ type: 'Point', coordinates: [200, 10] })).toThrow(/outside longitude/);
  });
  it('rejects a non-4326 crs member', () => {
    expect(() => validateGeoJson({ type: 'Point', coordinates: [1, 2], crs: { type: 'name', properties: { name: 'EPSG:4527' } } })).toThrow(/not WGS 84/);
  });
  it('rejects unclosed rings, features and unknown types', () => {
    expect(() => validateGeoJson({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] })).toThrow(/not closed/);
    expect(() => validateGeoJson({ type: 'Feature', geometry: null })).toThrow(/bare geometry/);
    expect(() => validateGeoJson({ type: 'Circle', coordinates: [0, 0] })).toThrow(/type must be one of/);
    expect(() => validateGeoJson({ type: 'Point', coordinates: ['a', 1] })).toThrow(/finite numbers/);
  });
  it('rejects a third coordinate (2D only) with INVALID_GEOMETRY', () => {
    expect(() => validateGeoJson({ type: 'Point', coordinates: [115.6, 34.4, 50] })).toThrow(/third coordinate/);
  });
  it('rejects more than MAX_VERTICES vertices with TOO_MANY_VERTICES, counting per geometry', () => {
    const ring = Array.from({ length: MAX_VERTICES }, (_, i) => [115 + Math.cos(i) / 100, 34 + Math.sin(i) / 100]);
    ring.push(ring[0]);
    try { validateGeoJson({ type: 'Polygon', coordinates: [ring] }); expect.fail('accepted'); } catch (e) { expect((e as { extensions: { code: string } }).extensions.code).toBe('TOO_MANY_VERTICES'); }
    expect(validateGeoJson({ type: 'Polygon', coordinates: square }).type).toBe('Polygon');
  });
});
