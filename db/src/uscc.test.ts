import { describe, expect, it } from 'vitest';
import { usccProblem, usccWithCheck } from './uscc';

describe('USCC check character (GB 32100-2015)', () => {
  it('accepts published valid codes', () => {
    // Example code printed in GB 32100-2015 materials and a widely cited real registration.
    expect(usccProblem('91350100M000100Y43')).toBeNull();
    expect(usccProblem('914403001922038216')).toBeNull();
  });
  it('rejects a wrong check character and says which one is expected', () => {
    expect(usccProblem('91350100M000100Y44')).toMatch(/should be "3"/);
  });
  it('rejects forbidden letters and wrong length', () => {
    expect(usccProblem('91350100M000100Y4')).toMatch(/18 characters/);
    expect(usccProblem('91350100M0001O0Y43')).toMatch(/"O" is not allowed/);
  });
  it('completes 17 characters into a valid code', () => {
    expect(usccProblem(usccWithCheck('91411400MA44XYW12'))).toBeNull();
  });
});
