import { describe, expect, it } from 'vitest';
import { asBbox, bboxOf } from './geometry';

describe('bboxOf', () => {
  it('spans every position of any geometry type', () => {
    expect(bboxOf({ type: 'Point', coordinates: [115.6, 34.4] })).toEqual([115.6, 34.4, 115.6, 34.4]);
    expect(bboxOf({ type: 'Polygon', coordinates: [[[1, 2], [3, 0], [2, 5], [1, 2]]] })).toEqual([1, 0, 3, 5]);
    expect(bboxOf({ type: 'GeometryCollection', geometries: [
      { type: 'LineString', coordinates: [[0, 0], [1, 1]] },
      { type: 'MultiPolygon', coordinates: [[[[5, -1], [6, 0], [5, 0], [5, -1]]]] },
    ] })).toEqual([0, -1, 6, 1]);
  });

  it('is null without positions', () => {
    expect(bboxOf(null)).toBeNull();
    expect(bboxOf({ type: 'MultiPoint', coordinates: [] })).toBeNull();
  });
});

describe('asBbox', () => {
  it('takes four finite numbers only', () => {
    expect(asBbox([1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(asBbox([1, 2, 3])).toBeNull();
    expect(asBbox([1, 2, 3, Number.NaN])).toBeNull();
    expect(asBbox(null)).toBeNull();
  });
});
