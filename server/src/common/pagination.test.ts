import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, encodeCursor, toConnection, toPage } from './pagination';

const code = (fn: () => unknown) => { try { fn(); return null; } catch (e) { return (e as { extensions: { code: string } }).extensions.code; } };

describe('toPage', () => {
  it('defaults to the first page of the default size', () => {
    expect(toPage({})).toEqual({ first: DEFAULT_PAGE_SIZE, afterId: 0 });
  });
  it('takes any size from 1 to the maximum and refuses the rest with PAGE_TOO_LARGE', () => {
    expect(toPage({ first: 1 }).first).toBe(1);
    expect(toPage({ first: MAX_PAGE_SIZE }).first).toBe(MAX_PAGE_SIZE);
    for (const first of [0, -1, MAX_PAGE_SIZE + 1, 2.5, Number.NaN]) expect(code(() => toPage({ first }))).toBe('PAGE_TOO_LARGE');
  });
  it('reads back the id of a cursor it wrote', () => {
    for (const id of [1, 42, 2_147_483_647]) expect(toPage({ after: encodeCursor(id) }).afterId).toBe(id);
  });
  it('refuses cursors it never wrote with INVALID_CURSOR', () => {
    const forged = [Buffer.from('id:2147483648').toString('base64url'), Buffer.from('id:-1').toString('base64url'), Buffer.from('name:3').toString('base64url'), 'not a cursor', Buffer.from('id:1 ').toString('base64url')];
    for (const after of forged) expect(code(() => toPage({ after }))).toBe('INVALID_CURSOR');
  });
});

describe('toConnection', () => {
  it('gives every node its cursor and the last one as endCursor', () => {
    const c = toConnection({ nodes: [{ id: 3 }, { id: 7 }], totalCount: 10, hasNextPage: true });
    expect(c.edges.map((e) => toPage({ after: e.cursor }).afterId)).toEqual([3, 7]);
    expect(c.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(7) });
    expect(c.totalCount).toBe(10);
  });
  it('has no endCursor for an empty page', () => {
    expect(toConnection({ nodes: [], totalCount: 0, hasNextPage: false }).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
