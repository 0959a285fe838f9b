import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { applySpatialFilter } from './filters';
import { SqlBuilder } from './sql-builder';

const code = (fn: () => unknown) => { try { fn(); return null; } catch (e) { return (e as { extensions: { code: string; field?: string } }).extensions; } };
const build = (f: Parameters<typeof applySpatialFilter>[1]) => { const b = new SqlBuilder(); applySpatialFilter(b, f, 't.geom', 't.name'); return b; };

describe('applySpatialFilter', () => {
  it('adds nothing without a filter or with blank text', () => {
    expect(build(undefined).where).toBe('');
    expect(build({ text: '   ' }).where).toBe('');
  });
  it('matches text literally: LIKE wildcards in the input are escaped', () => {
    const b = build({ text: ' 50%_off ' });
    expect(b.where).toBe('WHERE (t.name ILIKE $1)');
    expect(b.params).toEqual(['%50\\%\\_off%']);
  });
  it('passes bbox, region and circle as parameters, in order', () => {
    const b = build({ bbox: [115, 34, 116, 35], withinRegionId: '7', near: { lon: 115.6, lat: 34.4, meters: 500 } });
    expect(b.params).toEqual([115, 34, 116, 35, 7, 115.6, 34.4, 500]);
    expect(new Set(b.where.match(/\$\d+/g))).toEqual(new Set(['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8']));
    expect(b.where).toContain('t.geom');
  });
  it('refuses malformed or out-of-range boxes, circles and region ids, naming the field', () => {
    const bad: [Parameters<typeof applySpatialFilter>[1], string][] = [
      [{ bbox: [1, 2, 3] }, 'bbox'], [{ bbox: [1, 2, 3, Number.NaN] }, 'bbox'], [{ bbox: [-181, 0, 0, 1] }, 'bbox'], [{ bbox: [2, 0, 1, 1] }, 'bbox'],
      [{ near: { lon: 200, lat: 0, meters: 10 } }, 'near'], [{ near: { lon: 0, lat: 0, meters: 0 } }, 'near.meters'], [{ near: { lon: 0, lat: 0, meters: 200_001 } }, 'near.meters'],
      [{ withinRegionId: '0x3' }, 'withinRegionId'],
    ];
    for (const [f, field] of bad) expect(code(() => build(f))).toMatchObject({ code: 'INVALID_ARGUMENT', field });
  });
});
