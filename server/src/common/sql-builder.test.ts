import { describe, expect, it } from 'vitest';
import { likePattern, SqlBuilder } from './sql-builder';

describe('likePattern', () => {
  it('wraps text for a substring match and escapes LIKE wildcards', () => {
    expect(likePattern('高新')).toBe('%高新%');
    expect(likePattern('50%_off')).toBe('%50\\%\\_off%');
    expect(likePattern('a\\b')).toBe('%a\\\\b%');
  });

  it('builds a prefix match', () => {
    expect(likePattern('C36', 'prefix')).toBe('C36%');
    expect(likePattern('C_', 'prefix')).toBe('C\\_%');
  });
});

describe('SqlBuilder', () => {
  it('numbers parameters in order and joins clauses with AND', () => {
    const b = new SqlBuilder();
    expect(b.where).toBe('');
    b.and(`t.a = ${b.param(1)}`).and(`t.b = ${b.param('x')} OR t.c IS NULL`);
    expect(b.where).toBe('WHERE (t.a = $1) AND (t.b = $2 OR t.c IS NULL)');
    expect(b.params).toEqual([1, 'x']);
  });
});
