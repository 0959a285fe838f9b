import { describe, expect, it } from 'vitest';
import { sameSelection } from './selection';
import { LIFECYCLE, OFF_RAMPS, isOffRamp } from '../components/stageOrder';

describe('sameSelection', () => {
  it('is the same record when kind and id agree, whether or not the map should fly', () => {
    expect(sameSelection({ kind: 'park', id: '1', fly: true }, { kind: 'park', id: '1', fly: false })).toBe(true);
    expect(sameSelection({ kind: 'park', id: '1', fly: true }, { kind: 'parcel', id: '1', fly: true })).toBe(false);
    expect(sameSelection({ kind: 'park', id: '1', fly: true }, { kind: 'park', id: '2', fly: true })).toBe(false);
    expect(sameSelection(null, null)).toBe(false);
    expect(sameSelection(undefined, { kind: 'park', id: '1', fly: true })).toBe(false);
  });
});

describe('stage order (display only)', () => {
  it('draws the seven forward stages in order and knows the two off-ramps', () => {
    expect(LIFECYCLE).toHaveLength(7);
    expect(LIFECYCLE[0]).toBe('LEAD');
    expect(LIFECYCLE.at(-1)).toBe('AT_CAPACITY');
    expect(OFF_RAMPS.every(isOffRamp)).toBe(true);
    expect(LIFECYCLE.some(isOffRamp)).toBe(false);
  });
});
