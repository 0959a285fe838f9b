import { describe, expect, it } from 'vitest';
import { TILE_LAYERS, TILE_MAX_ZOOM, propertyNames, propertyPairs } from './tiles.layers';

describe('tile layers', () => {
  it('reads property names and expressions from a json_build_object argument list', () => {
    const spec = { ...TILE_LAYERS[0], properties: `'id', t.id, 'name', coalesce(t.name, 'a, b'), 'areaMu', round(t.area / 666.7, 2)::float8` };
    expect(propertyNames(spec)).toEqual(['id', 'name', 'areaMu']);
    expect(propertyPairs(spec).map((p) => p.sql)).toEqual(['t.id', "coalesce(t.name, 'a, b')", 'round(t.area / 666.7, 2)::float8']);
    expect(() => propertyPairs({ ...spec, properties: `'id', t.id, 'name'` })).toThrow(/pairs/);
  });
  it('every layer has an id property, zooms 0…max, and no property twice', () => {
    for (const l of TILE_LAYERS) {
      const names = propertyNames(l);
      expect(names, l.id).toContain('id');
      expect(new Set(names).size, l.id).toBe(names.length);
      expect([l.minzoom, l.maxzoom]).toEqual([0, TILE_MAX_ZOOM]);
    }
  });
});
