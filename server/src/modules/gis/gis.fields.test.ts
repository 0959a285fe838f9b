import { describe, expect, it } from 'vitest';
import { normaliseLandUse, normaliseStatus, readDate, readNumber, resolveMapping } from './gis.fields';

describe('resolveMapping', () => {
  it('finds the usual pinyin, Chinese and English column names, case-insensitively, keeping the file spelling', () => {
    expect(resolveMapping(['dkbh', 'YDXZ', '供地状态', 'Rjl', 'SJRJL', 'price', 'GDRQ', '园区名称', 'other'])).toEqual({
      code: 'dkbh', landUse: 'YDXZ', supplyStatus: '供地状态', floorAreaRatio: 'Rjl', builtFar: 'SJRJL', landPrice: 'price', suppliedOn: 'GDRQ', parkName: '园区名称',
    });
  });
  it('prefers an override, matched to the file spelling, and leaves unknown fields out', () => {
    expect(resolveMapping(['DKBH', 'my_code'], { code: 'MY_CODE' })).toEqual({ code: 'my_code' });
    expect(resolveMapping(['x'], { code: 'absent' })).toEqual({ code: 'absent' });
    expect(resolveMapping([])).toEqual({});
  });
});

describe('normaliseLandUse', () => {
  it('reads planning codes, land-survey codes and Chinese names', () => {
    const cases: [unknown, string | null][] = [
      ['M2', 'M2'], [' m ', 'M1'], ['W1', 'W'], ['B11', 'B'], ['R2', 'R'], ['A3', 'A'], ['G1', 'G'],
      ['0601', 'M1'], ['0508', 'W'], ['0501', 'B'], ['0701', 'R'], ['0805', 'A'], ['1401', 'G'],
      ['二类工业用地', 'M2'], ['工业用地', 'M1'], ['物流仓储用地', 'W'], ['商业服务业', 'B'], ['住宅用地', 'R'], ['储备用地', 'reserve'], ['RESERVE', 'reserve'],
      ['', null], [null, null], ['X9', null], ['农田', null],
    ];
    for (const [raw, want] of cases) expect(normaliseLandUse(raw), String(raw)).toBe(want);
  });
});

describe('normaliseStatus', () => {
  it('reads Chinese and English status words', () => {
    const cases: [unknown, string | null][] = [
      ['储备', 'reserve'], ['待供', 'available'], ['Available', 'available'], ['闲置', 'idle'], ['在建', 'under_construction'], ['under construction', 'under_construction'],
      ['已建成', 'built'], ['竣工', 'built'], ['已出让', 'supplied'], ['划拨', 'supplied'], ['', null], [undefined, null], ['unknown', null],
    ];
    for (const [raw, want] of cases) expect(normaliseStatus(raw), String(raw)).toBe(want);
  });
});

describe('cells', () => {
  it('readNumber: numbers, thousands separators, empty as null, words as NaN', () => {
    expect(readNumber(1.5)).toBe(1.5);
    expect(readNumber(' 1,200.5 ')).toBe(1200.5);
    expect(readNumber('')).toBeNull();
    expect(readNumber(null)).toBeNull();
    expect(readNumber('abc')).toBeNaN();
  });
  it('readDate: Date objects and common spellings; empty as null; impossible dates undefined', () => {
    expect(readDate(new Date(Date.UTC(2021, 2, 4)))).toBe('2021-03-04');
    for (const s of ['2021-03-04', '2021/3/4', '20210304', '2021.3.4', '2021年3月4日']) expect(readDate(s), s).toBe('2021-03-04');
    expect(readDate(' ')).toBeNull();
    for (const s of ['2021-02-30', 'next week', '21-3-4']) expect(readDate(s), s).toBeUndefined();
    expect(readDate(new Date(Number.NaN))).toBeUndefined();
  });
});
