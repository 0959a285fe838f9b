/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fromGcj02, toGcj02 } from '../support/gis-files';
import { SHOTS, STEP_TIMEOUT, describeInBrowser, findParkPixel, launchChromium, signIn, startServer, tokenFor, waitForIdle } from './helpers';

// The basemap in Chromium with every request to anything but the app refused: the built-in offline basemap (real
// boundaries and names, glyphs served by the product) on the city map and the workspace's China map; then a configured
// GCJ-02 basemap, on which the data is drawn shifted to GCJ-02 and a picked point comes back in WGS 84.

interface MapLike {
  queryRenderedFeatures(options?: unknown): { layer: { id: string }; properties: Record<string, unknown> }[];
  jumpTo(o: { center: [number, number]; zoom: number }): void;
  unproject(p: [number, number]): { lng: number; lat: number };
  project(p: [number, number]): { x: number; y: number };
  getCanvas(): HTMLCanvasElement;
  getSource(id: string): unknown;
  loaded(): boolean;
  isMoving(): boolean;
  once(e: string, f: () => void): void;
  triggerRepaint(): void;
}
declare global { interface Window { __atlasPipelineMap?: unknown } }

/** Refuses every request that is not to the app (as on an intranet with no internet); returns the refused URLs. */
async function offline(page: Page, appUrl: string, allow: (url: string) => boolean = () => false): Promise<string[]> {
  const refused: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(appUrl) || url.startsWith('data:') || url.startsWith('blob:') || allow(url)) return route.continue();
    refused.push(url);
    return route.abort('internetdisconnected');
  });
  return refused;
}

/** Names drawn in the given layers of a map exposed on window[key]. */
const drawn = (page: Page, key: '__atlasMap' | '__atlasPipelineMap', layers: string[]) =>
  page.evaluate(({ key, layers }) => {
    const map = (window as unknown as Record<string, MapLike>)[key];
    const out: Record<string, string[]> = {};
    for (const id of layers) out[id] = [...new Set(map.queryRenderedFeatures({ layers: [id] }).map((f) => String(f.properties.name)))];
    return out;
  }, { key, layers });

const idle = (page: Page, key: '__atlasMap' | '__atlasPipelineMap') =>
  page.evaluate((key) => new Promise<void>((resolve) => {
    const map = (window as unknown as Record<string, MapLike>)[key];
    if (map.loaded() && !map.isMoving()) resolve();
    else map.once('idle', () => resolve());
    map.triggerRepaint();
  }), key);

/** Metres between two lon/lat points (equirectangular; fine at these distances). */
const metres = (a: number[], b: number[]) => Math.hypot((b[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180), b[1] - a[1]) * 111_320;

/**
 * The vertices of a park as the map draws them around a point: the map jumps there at zoom 17 (tile grid ≈ 6 cm) and
 * reads the park's features from the loaded vector tiles (clipped to tiles, so only vertices near the point are there).
 */
async function drawnParkVertices(page: Page, parkId: string | number, at: number[]): Promise<number[][]> {
  await page.evaluate((at) => (window.__atlasMap as unknown as MapLike).jumpTo({ center: at as [number, number], zoom: 17 }), at);
  await waitForIdle(page);
  return page.evaluate((id) => {
    const map = window.__atlasMap! as unknown as { querySourceFeatures(s: string, o: { sourceLayer: string }): { id?: string | number; properties: Record<string, unknown>; geometry: { coordinates: unknown } }[] };
    const pts: number[][] = [];
    const walk = (c: unknown) => (Array.isArray(c) && typeof c[0] === 'number' ? pts.push(c as number[]) : Array.isArray(c) && c.forEach(walk));
    for (const f of map.querySourceFeatures('parks', { sourceLayer: 'parks' })) if (String(f.id ?? f.properties.id) === String(id)) walk(f.geometry.coordinates);
    return pts;
  }, parkId);
}
const nearest = (pts: number[][], p: number[]) => Math.min(...pts.map((q) => metres(p, q)));

const SHANGQIU_COUNTIES = ['梁园区', '睢阳区', '民权县', '睢县', '宁陵县', '柘城县', '虞城县', '夏邑县', '永城市'];

describeInBrowser('offline basemap in a real browser, no internet', () => {
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let refused: string[];
  const glyphs: { url: string; status: number }[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (r) => { if (r.url().includes('/basemap/fonts/')) glyphs.push({ url: r.url(), status: r.status() }); });
    refused = await offline(page, server.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws the city with its real districts and counties, their names and the province border, from the product alone', async () => {
    await page.goto(server.url);
    await signIn(page, 'planner');
    await page.waitForFunction(() => (window.__atlasMap?.queryRenderedFeatures({ layers: ['basemap-county-line'] }).length ?? 0) > 0, null, { timeout: 60_000 });
    await page.waitForFunction(() => (window.__atlasMap?.queryRenderedFeatures({ layers: ['basemap-county-label'] }).length ?? 0) > 3, null, { timeout: 60_000 });
    await waitForIdle(page);
    const city = await drawn(page, '__atlasMap', ['basemap-county-line', 'basemap-county-label', 'basemap-home-city-line', 'basemap-land']);
    // Every district and county of 商丘 has its outline drawn; the data's own district names win label collisions
    // over the basemap's (same names), so with the districts layer switched off every basemap name shows.
    expect(city['basemap-county-line'].sort()).toEqual([...SHANGQIU_COUNTIES].sort());
    expect(city['basemap-land']).toContain('河南');
    expect(city['basemap-home-city-line']).toEqual(['商丘']);
    await page.getByTestId('legend-toggle-regions').uncheck();
    await waitForIdle(page);
    await page.waitForTimeout(1500);

    await page.screenshot({ path: `${SHOTS}basemap-offline-counties.png` });
    await page.waitForFunction(() => (window.__atlasMap?.queryRenderedFeatures({ layers: ['basemap-county-label'] }).length ?? 0) >= 6, null, { timeout: 30_000 });
    const labels = (await drawn(page, '__atlasMap', ['basemap-county-label']))['basemap-county-label'];
    // (A park's own label may still cover one or two.)
    expect(labels.length).toBeGreaterThanOrEqual(6);
    expect(labels.every((n) => SHANGQIU_COUNTIES.includes(n))).toBe(true);
    await page.screenshot({ path: `${SHOTS}basemap-offline-counties.png` });
    await page.getByTestId('legend-toggle-regions').check();
    // The theme figures (digits, Latin) come from the product's glyphs.
    await page.getByTestId('theme-select-parks').selectOption('park-available');
    await waitForIdle(page);
    await page.waitForFunction(() => (window.__atlasMap?.queryRenderedFeatures({ layers: ['parks-label'] }).length ?? 0) > 0);
    await page.screenshot({ path: `${SHOTS}basemap-offline-city.png` });
    expect(glyphs.length).toBeGreaterThan(0);
    expect(glyphs.every((g) => g.status === 200 || g.status === 304)).toBe(true);
    expect(glyphs.some((g) => /\/0-255\.pbf$/.test(g.url))).toBe(true);

    // Zoomed out: provinces, their borders and names, and the prefecture cities' names.
    await page.evaluate(() => (window.__atlasMap as unknown as MapLike).jumpTo({ center: [114, 34], zoom: 5.2 }));
    await waitForIdle(page);
    await page.waitForFunction(() => (window.__atlasMap?.queryRenderedFeatures({ layers: ['basemap-province-label'] }).length ?? 0) > 3, null, { timeout: 30_000 });
    const region = await drawn(page, '__atlasMap', ['basemap-province-line', 'basemap-province-label', 'basemap-city-label']);
    for (const p of ['河南', '山东', '安徽', '江苏']) expect(region['basemap-province-line']).toContain(p);
    expect(region['basemap-province-label']).toEqual(expect.arrayContaining(['河南', '山东']));
    expect(region['basemap-city-label']).toEqual(expect.arrayContaining(['郑州', '济南', '西安']));
    await page.screenshot({ path: `${SHOTS}basemap-offline-provinces.png` });
    expect(refused).toEqual([]);
  }, STEP_TIMEOUT);

  it('draws China\'s provinces and their names under the workspace\'s pipeline map', async () => {
    await page.getByTestId('sign-out').click().catch(() => undefined);
    await page.evaluate(() => localStorage.clear());
    await page.goto(server.url);
    await signIn(page, 'chainlead');
    await page.goto(`${server.url}/#/workspace`);
    await page.getByTestId('pipeline-map').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !!window.__atlasPipelineMap, null, { timeout: 60_000 });
    await page.waitForFunction(() => ((window.__atlasPipelineMap as MapLike | undefined)?.queryRenderedFeatures({ layers: ['basemap-province-label'] }).length ?? 0) > 10, null, { timeout: 60_000 });
    await idle(page, '__atlasPipelineMap');
    const china = await drawn(page, '__atlasPipelineMap', ['basemap-province-line', 'basemap-province-label']);
    expect(china['basemap-province-line'].length).toBeGreaterThanOrEqual(25);
    expect(china['basemap-province-label'].length).toBeGreaterThanOrEqual(15);
    expect(china['basemap-province-label']).toEqual(expect.arrayContaining(['河南', '广东', '四川']));
    await page.getByTestId('pipeline-map').screenshot({ path: `${SHOTS}basemap-offline-workspace.png` });
    expect(refused).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, STEP_TIMEOUT);
});

describeInBrowser('a configured GCJ-02 basemap', () => {
  const STYLE_URL = 'http://gcj02-basemap.test/style.json';
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ ATLAS_BASEMAP_STYLE_URL: STYLE_URL, ATLAS_BASEMAP_CRS: 'gcj02' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (m) => { if (m.text().includes('configured basemap failed')) pageErrors.push(m.text()); });
    // A stand-in for an AMap/Tencent-style basemap: reachable, in GCJ-02; everything else outside the app is refused.
    await offline(page, server.url, (url) => url === STYLE_URL);
    await page.route(STYLE_URL, (route) => route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ version: 8, name: 'gcj02-stand-in', sources: {}, layers: [{ id: 'gcj-background', type: 'background', paint: { 'background-color': '#f0ede4' } }] }),
    }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws the data shifted to GCJ-02, and a point picked on the map comes back in WGS 84', async () => {
    await page.goto(server.url);
    await signIn(page, 'bureau');
    await page.waitForFunction(() => (window.__atlasMap?.queryRenderedFeatures({ layers: ['parks-fill'] }).length ?? 0) > 0, null, { timeout: 60_000 });
    await waitForIdle(page);
    // The configured basemap is the one shown (not the built-in one).
    expect(await page.evaluate(() => !!window.__atlasMap!.getLayer('gcj-background') && !window.__atlasMap!.getLayer('basemap-land'))).toBe(true);

    // A park as drawn against the same park from the API (WGS 84): every vertex is moved exactly by the GCJ-02 shift.
    const token = await tokenFor(server.url, 'bureau');
    const res = await fetch(`${server.url}/ogc/collections/parks/items?limit=3`, { headers: { authorization: `Bearer ${token}` } });
    const truth = (await res.json()) as { features: { id: string | number; geometry: { coordinates: number[][][][] } }[] };
    const park = truth.features[0];
    // Its first vertices as drawn from the vector tiles: each at its GCJ-02 position (within 0.5 m), none where WGS 84 puts it.
    const wgs = park.geometry.coordinates[0][0];
    const shiftedFirst = toGcj02(wgs[0][0], wgs[0][1]);
    const view = await page.evaluate(() => { const m = window.__atlasMap! as unknown as { getCenter(): { lng: number; lat: number }; getZoom(): number }; return { center: [m.getCenter().lng, m.getCenter().lat], zoom: m.getZoom() }; });
    for (const p of wgs.slice(0, 3)) {
      const want = toGcj02(p[0], p[1]);
      expect(metres(p, want)).toBeGreaterThan(100);
      const drawnHere = await drawnParkVertices(page, park.id, want);
      expect(nearest(drawnHere, want)).toBeLessThan(0.5);
      expect(nearest(await drawnParkVertices(page, park.id, p), p)).toBeGreaterThan(0.5);
    }
    await page.evaluate((v) => (window.__atlasMap as unknown as MapLike).jumpTo(v as { center: [number, number]; zoom: number }), view);
    await waitForIdle(page);

    // A click on a drawn park opens that park.
    const centre = await findParkPixel(page);
    expect(centre).not.toBeNull();
    await page.mouse.click(centre!.x, centre!.y);
    await page.locator(`[data-testid="side-panel"][data-kind="park"][data-id="${centre!.id}"]`).waitFor({ timeout: 30_000 });

    // Picking a point for a new project: the map shows GCJ-02, the form gets WGS 84.
    await page.getByTestId('new-project').click();
    const dialog = page.getByTestId('new-project-dialog');
    await dialog.getByTestId('new-project-pick').click();
    await page.getByTestId('map-pick-hint').waitFor();
    // Close enough that a pixel is a couple of metres.
    await page.evaluate((at) => (window.__atlasMap as unknown as MapLike).jumpTo({ center: at, zoom: 16 }), shiftedFirst);
    await waitForIdle(page);
    // A spot of the map that the dialog and legend leave uncovered, and where the map draws it (GCJ-02).
    const spot = await page.evaluate(() => {
      const map = window.__atlasMap! as unknown as MapLike;
      const canvas = map.getCanvas();
      const rect = canvas.getBoundingClientRect();
      for (let i = 5; i < 95; i += 5) for (let j = 20; j < 90; j += 5) {
        const x = Math.round(rect.left + (rect.width * i) / 100);
        const y = Math.round(rect.top + (rect.height * j) / 100);
        if (document.elementFromPoint(x, y) !== canvas) continue;
        const p = map.unproject([x - rect.left, y - rect.top]);
        return { x, y, under: [p.lng, p.lat] };
      }
      return null;
    });
    expect(spot).not.toBeNull();
    const under = spot!.under;
    await page.mouse.click(spot!.x, spot!.y);
    const text = await dialog.getByTestId('new-project-point').textContent();
    const picked = text!.split(',').map((v) => Number(v.trim()));
    const wantWgs = fromGcj02(under[0], under[1]);
    expect(metres(wantWgs, picked)).toBeLessThan(2);
    expect(metres(under, picked)).toBeGreaterThan(100);
    await page.getByTestId('picked-point').waitFor();
    // The marker sits where the click was (drawn in GCJ-02).
    const marker = await page.evaluate((at) => {
      const map = window.__atlasMap! as unknown as MapLike;
      const rect = map.getCanvas().getBoundingClientRect();
      const p = map.project(at as [number, number]);
      const box = document.querySelector('[data-testid="picked-point"]')!.getBoundingClientRect();
      return { dx: box.left + box.width / 2 - (rect.left + p.x), dy: box.bottom - (rect.top + p.y) };
    }, under);
    expect(Math.abs(marker.dx)).toBeLessThan(4);
    expect(Math.abs(marker.dy)).toBeLessThan(10); // the pin's tip sits a few pixels above its box's bottom
    await page.screenshot({ path: `${SHOTS}basemap-gcj02-pick.png` });
    expect(pageErrors).toEqual([]);
  }, STEP_TIMEOUT);
});

describeInBrowser('a configured GCJ-02 basemap that cannot be reached', () => {
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ ATLAS_BASEMAP_STYLE_URL: 'http://gcj02-basemap.test/style.json', ATLAS_BASEMAP_CRS: 'gcj02' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    await offline(page, server.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('falls back to the built-in basemap and draws the data unshifted', async () => {
    await page.goto(server.url);
    await signIn(page, 'planner');
    await page.waitForFunction(() => !!window.__atlasMap?.getLayer('parks-fill') && window.__atlasMap.queryRenderedFeatures({ layers: ['parks-fill'] }).length > 0, null, { timeout: 60_000 });
    await waitForIdle(page);
    expect(await page.evaluate(() => !!window.__atlasMap!.getLayer('basemap-county-line'))).toBe(true);
    const token = await tokenFor(server.url, 'planner');
    const truth = (await (await fetch(`${server.url}/ogc/collections/parks/items?limit=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { features: { id: string | number; geometry: { coordinates: number[][][][] } }[] };
    const first = truth.features[0].geometry.coordinates[0][0][0];
    expect(nearest(await drawnParkVertices(page, truth.features[0].id, first), first)).toBeLessThan(0.5);
  }, STEP_TIMEOUT);
});
