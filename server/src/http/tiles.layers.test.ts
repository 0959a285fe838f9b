import { describe, expect, it } from 'vitest';
import { TILE_LAYERS, TILE_MAX_ZOOM, propertyNames } from './tiles.layers';

describe('tile layers', () => {
  it('reads property names from a json_build_object argument list', () => {
    const spec = { ...TILE_LAYERS[0], properties: `json_build_object('id', t.id, 'name', t.name, 'areaMu', round(t.area / 666.7, 2))` };
    expect(propertyNames(spec)).toEqual(['id', 'name', 'areaMu']);
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
