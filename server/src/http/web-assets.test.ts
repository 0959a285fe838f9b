import { describe, expect, it } from 'vitest';
import { cacheControlFor, isClientRoute } from './web-assets';

describe('cacheControlFor', () => {
  it('caches hashed assets for a year, compressed variants too', () => {
    for (const p of ['/srv/web/dist/assets/index-B1upQm1j.js', '/d/assets/maplibre-B22a7tvX.js.br', '/d/assets/index-DnSMKxzc.css.gz', '/d/assets/maplibre-gl-worker-CZtFQQIV.mjs']) {
      expect(cacheControlFor(p)).toBe('public, max-age=31536000, immutable');
    }
  });

  it('revalidates index.html and unhashed files', () => {
    for (const p of ['/srv/web/dist/index.html', '/srv/web/dist/index.html.gz', '/d/favicon.svg', '/d/assets/logo.svg']) {
      expect(cacheControlFor(p)).toBe('no-cache');
    }
  });
});

describe('isClientRoute', () => {
  it('gives the web app its own routes and leaves every API root to its coded 404', () => {
    for (const p of ['/', '/map', '/chains/3', '/assessment-config', '/apiary', '/tilesets']) expect(isClientRoute(p)).toBe(true);
    for (const p of ['/graphql', '/ogc/collections/x', '/api/nothing', '/tiles/nope/1/2/3.mvt', '/tiles']) expect(isClientRoute(p)).toBe(false);
  });
});
