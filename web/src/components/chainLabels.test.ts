import { describe, expect, it } from 'vitest';
import type { Translator } from '../i18n';
import { factorLabel, key } from './chainLabels';

const table: Record<string, string> = { 'chain.factor.fit': 'Fit', 'chain.factor.tag': 'Tag: {tag}', 'chain.factor.source': 'From {region}' };
const t = Object.assign(
  (k: string, vars: Record<string, string | number> = {}) => (table[k] ?? k).replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v])),
  { enum: (_prefix: string, value: string | null | undefined) => `enum:${value}` },
) as unknown as Translator;

describe('factorLabel', () => {
  it('words a known factor, a tag (translated) and a source region', () => {
    expect(factorLabel(t, 'fit')).toBe('Fit');
    expect(factorLabel(t, 'tag:high_tech')).toBe('Tag: enum:high_tech');
    expect(factorLabel(t, 'source:深圳')).toBe('From 深圳');
  });
  it('shows an unknown factor as it came', () => {
    expect(factorLabel(t, 'mystery')).toBe('mystery');
  });
  it('key joins prefix and value', () => {
    expect(key('chain.status', 'WEAK')).toBe('chain.status.WEAK');
  });
});
