import { describe, expect, it } from 'vitest';
import { checkText, checkTextDeep, DEFAULT_TEXT_LIMIT } from './text';

const code = (f: () => void) => { try { f(); return null; } catch (e) { return (e as { extensions: { code: string } }).extensions.code; } };

describe('checkText', () => {
  it('accepts ordinary Chinese and English text, tabs and newlines', () => {
    expect(code(() => checkText('name', '商丘经济技术开发区 Phase 2'))).toBeNull();
    expect(code(() => checkText('evidenceNote', 'line 1\nline 2\tend'))).toBeNull();
    expect(code(() => checkText('name', '😀 emoji pair'))).toBeNull();
  });
  it('refuses NUL, control characters and lone surrogates with INVALID_TEXT', () => {
    expect(code(() => checkText('name', 'a\u0000b'))).toBe('INVALID_TEXT');
    expect(code(() => checkText('name', 'a\u0007b'))).toBe('INVALID_TEXT');
    expect(code(() => checkText('name', 'a\uD800b'))).toBe('INVALID_TEXT');
    expect(code(() => checkText('name', '\uDC00'))).toBe('INVALID_TEXT');
  });
  it('refuses whitespace-only and zero-width-only names, but not other blank fields', () => {
    expect(code(() => checkText('name', '   '))).toBe('INVALID_ARGUMENT');
    expect(code(() => checkText('name', '\u200B\u200D\uFEFF'))).toBe('INVALID_ARGUMENT');
    expect(code(() => checkText('name', '\u3000'))).toBe('INVALID_ARGUMENT');
    expect(code(() => checkText('evidenceNote', '  '))).toBeNull();
  });
  it('limits length per field, with a default for every other field', () => {
    expect(code(() => checkText('name', 'x'.repeat(200)))).toBeNull();
    expect(code(() => checkText('name', 'x'.repeat(201)))).toBe('TEXT_TOO_LONG');
    expect(code(() => checkText('anything', 'x'.repeat(DEFAULT_TEXT_LIMIT + 1)))).toBe('TEXT_TOO_LONG');
  });
  it('walks nested inputs and lists, naming the innermost field', () => {
    expect(() => checkTextDeep('input', { name: 'ok', tags: ['a', 'b\u0000'] })).toThrow(/tags/);
  });
});
