import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webAssets } from '../../server/src/http/web-assets';

// Reads the built web app (npm test builds it first): what a browser loads before the map chunk, and how it is served.
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const FIRST_LOAD_LIMIT = 400 * 1024;

/** The entry script of index.html and every chunk it imports statically, transitively (dynamic import() is left out). */
function firstLoadScripts(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/?([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('no module script in web/dist/index.html');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    // Static imports in Rolldown's output: `import{a as b}from"./x.js"` and `import"./x.js"`; `import("./x.js")` is dynamic.
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'`](\.\/[^"'`]+\.m?js)["'`]/g)) visit(join(dirname(file), m[1]));
  };
  visit(entry);
  return [...seen];
}

describe('web bundle', () => {
  beforeAll(() => {
    if (!existsSync(join(dist, 'index.html'))) throw new Error('web/dist is missing: run `pnpm build` first (npm test does)');
  });

  it(`loads at most ${FIRST_LOAD_LIMIT / 1024} KB of compressed JavaScript before the map page`, () => {
    const files = firstLoadScripts();
    const sizes = files.map((f) => ({ f, gz: gzipSync(readFileSync(join(dist, f)), { level: 9 }).length }));
    const total = sizes.reduce((s, x) => s + x.gz, 0);
    console.log(`first load: ${sizes.map((x) => `${x.f} ${(x.gz / 1024).toFixed(1)} KB`).join(', ')}; total ${(total / 1024).toFixed(1)} KB gzip`);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_LIMIT);
    expect(files.some((f) => /maplibre/.test(f))).toBe(false);
  });

  it('puts MapLibre in a chunk of its own, loaded only with the map page', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const assets = [...html.matchAll(/assets\/[^"]+/g)].map((m) => m[0]);
    expect(assets.some((a) => /maplibre/.test(a))).toBe(false);
    // The lazy `import("./MapPage-….js")` sits in whichever first-load chunk holds the page registry.
    const mapPage = firstLoadScripts().map((f) => /import\(["'`]\.\/(MapPage-[^"'`]+\.js)["'`]\)/.exec(readFileSync(join(dist, f), 'utf8'))?.[1]).find(Boolean);
    expect(mapPage).toBeTruthy();
    expect(readFileSync(join(dist, 'assets', mapPage!), 'utf8')).toMatch(/from\s*["'`]\.\/maplibre-[^"'`]+\.js["'`]/);
  });

  describe('served by the API server', () => {
    let base = '';
    let close: () => void = () => undefined;
    beforeAll(async () => {
      const app = express().use(webAssets(dist));
      const server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      close = () => server.close();
    });
    afterAll(() => close());

    it('sends precompressed brotli or gzip with long-lived caching for hashed assets, and revalidates index.html', async () => {
      const entry = firstLoadScripts()[0];
      const br = await fetch(`${base}/${entry}`, { headers: { 'Accept-Encoding': 'br, gzip' } });
      expect(br.status).toBe(200);
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(br.headers.get('content-type')).toMatch(/javascript/);
      expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const raw = readFileSync(join(dist, entry), 'utf8');
      expect(await br.text()).toBe(raw); // fetch decodes: the same script
      const gz = await fetch(`${base}/${entry}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      const index = await fetch(`${base}/`);
      expect(index.headers.get('cache-control')).toBe('no-cache');
      expect(await index.text()).toMatch(/<div id="root">/);
    });
  });
});
