import { describe, expect, it } from 'vitest';
import { hrefFor, pages, parseRoute } from './routes';

describe('hash routes', () => {
  it('parses a page with its parameters, and falls back to the first page', () => {
    expect(parseRoute('#/map').page).toBe(pages[0]);
    expect(parseRoute('#/map/a%20b/3').params).toEqual(['a b', '3']);
    expect(parseRoute('#/no-such-page/1')).toEqual({ page: pages[0], params: [] });
    expect(parseRoute('').page).toBe(pages[0]);
  });

  it('builds addresses that parse back', () => {
    expect(hrefFor('map', 'a b', 3)).toBe('#/map/a%20b/3');
    expect(parseRoute(hrefFor('map', 'x/y')).params).toEqual(['x/y']);
  });
});
