/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SHOTS, STEP_TIMEOUT, describeInBrowser, findParkPixel, launchChromium, renderedCount, startServer, waitForIdle, type ScreenPoint } from './helpers';

// Drives the built web app (served by the real server) in Debian's Chromium, as a planner would.
const PARKS_FILL = 'parks-fill';

describeInBrowser('map dashboard in a real browser', () => {
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let clickedPark: ScreenPoint;

  beforeAll(async () => {
    // ATLAS_E2E_URL points the test at an already running app (e.g. `vite` dev server); otherwise the real server starts here.
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in as the planner from the demo account list', async () => {
    await page.goto(server.url);
    await expect(page.getByTestId('product-name').textContent()).resolves.toContain('招商图谱');
    const planner = page.locator('[data-testid="demo-account"][data-username="planner"]');
    await planner.waitFor();
    await page.screenshot({ path: `${SHOTS}sign-in.png` });
    await planner.click();
    expect(await page.getByTestId('sign-in-username').inputValue()).toBe('planner');
    await page.getByTestId('sign-in-password').fill('atlas2026');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('viewer-name').waitFor();
    expect(await page.getByTestId('viewer-role').textContent()).toBe('规划/园区管理');
  }, STEP_TIMEOUT);

  it('draws the parks on the map', async () => {
    await page.waitForFunction(
      (layer) => !!window.__atlasMap?.getLayer(layer) && window.__atlasMap.queryRenderedFeatures({ layers: [layer] }).length > 0,
      PARKS_FILL,
      { timeout: 60_000 },
    );
    await waitForIdle(page);
    expect(await renderedCount(page, PARKS_FILL)).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}map.png` });
  }, STEP_TIMEOUT);

  it('opens the park panel when a park is clicked', async () => {
    const target = await findParkPixel(page);
    expect(target, 'a pixel where a park is the topmost feature').not.toBeNull();
    clickedPark = target!;
    await page.mouse.click(clickedPark.x, clickedPark.y);
    const panel = page.getByTestId('side-panel');
    await panel.waitFor();
    await page.waitForFunction((name) => document.querySelector('[data-testid="panel-title"]')?.textContent === name, clickedPark.name, { timeout: 30_000 });
    expect(await panel.getAttribute('data-kind')).toBe('park');
    await panel.getByTestId('related-parcels').waitFor();
    expect(await panel.getByTestId('panel-error').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}park-panel.png` });
  }, STEP_TIMEOUT);

  it('hides a layer from the legend and shows it again', async () => {
    const toggle = page.getByTestId('legend-toggle-parks');
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await waitForIdle(page);
    expect(await page.evaluate((id) => window.__atlasMap!.getLayoutProperty(id, 'visibility'), PARKS_FILL)).toBe('none');
    expect(await renderedCount(page, PARKS_FILL)).toBe(0);
    await page.screenshot({ path: `${SHOTS}parks-hidden.png` });
    await toggle.check();
    await waitForIdle(page);
    expect(await renderedCount(page, PARKS_FILL)).toBeGreaterThan(0);
  }, STEP_TIMEOUT);

  it('finds a park with the search box, fits the map to it and opens its panel', async () => {
    // Park names from the loaded parks tiles (the whole city is in view).
    const names = await page.evaluate(() => [...new Set(window.__atlasMap!.querySourceFeatures('parks', { sourceLayer: 'parks' }).map((f) => String(f.properties?.name)))]);
    const wanted = names.find((n) => n !== clickedPark.name) ?? clickedPark.name;
    const input = page.getByTestId('search-input');
    await input.fill(wanted);
    const hit = page.locator('[data-testid="search-result"][data-kind="PARK"]', { hasText: wanted }).first();
    await hit.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}search-results.png` });
    await hit.click();
    await page.waitForFunction((name) => document.querySelector('[data-testid="panel-title"]')?.textContent === name, wanted, { timeout: 30_000 });
    await waitForIdle(page);
    // The park is now on screen and drawn.
    const visible = await page.evaluate(
      ({ layer, name }) => window.__atlasMap!.queryRenderedFeatures({ layers: [layer] }).some((f) => f.properties.name === name),
      { layer: PARKS_FILL, name: wanted },
    );
    expect(visible).toBe(true);
    await page.screenshot({ path: `${SHOTS}search-park.png` });
  }, STEP_TIMEOUT);

  it('zooms in on a cluster of points when it is clicked, without opening a record', async () => {
    // Around the park found above, at zoom 10: the point tiles hold clusters there (a feature with `count`, no id).
    await page.evaluate(() => window.__atlasMap!.jumpTo({ zoom: 10 }));
    await waitForIdle(page);
    const target = await page.evaluate(() => {
      const map = window.__atlasMap!;
      const rect = map.getCanvas().getBoundingClientRect();
      const clusters = ['projects-cluster', 'enterprises-cluster', 'factory-buildings-cluster'].filter((id) => map.getLayer(id));
      const records = ['projects-circle', 'enterprises-circle', 'factory-buildings-circle'].filter((id) => map.getLayer(id));
      for (const f of map.queryRenderedFeatures({ layers: clusters })) {
        const p = map.project((f.geometry as { coordinates: [number, number] }).coordinates);
        // Clear of the floating search box, legend and panel, and of single points drawn over it.
        if (p.x < rect.width * 0.35 || p.x > rect.width * 0.6 || p.y < 120 || p.y > rect.height - 40) continue;
        if (map.queryRenderedFeatures([p.x, p.y], { layers: records }).length > 0) continue;
        return { x: rect.left + p.x, y: rect.top + p.y, zoom: map.getZoom(), count: Number(f.properties.count) };
      }
      return null;
    });
    expect(target).not.toBeNull();
    expect(target!.count).toBeGreaterThan(1);
    const title = await page.getByTestId('panel-title').textContent();
    await page.mouse.click(target!.x, target!.y);
    await page.waitForFunction((z) => window.__atlasMap!.getZoom() > z + 1.5, target!.zoom, { timeout: 15_000 });
    await waitForIdle(page);
    expect(await page.getByTestId('panel-title').textContent()).toBe(title);
  }, STEP_TIMEOUT);

  it('switches the interface to English', async () => {
    await page.getByTestId('lang-en').click();
    expect(await page.getByTestId('legend').locator('h2').first().textContent()).toBe('Layers');
    expect(await page.getByTestId('panel-kind').textContent()).toBe('Park');
    await page.screenshot({ path: `${SHOTS}english.png` });
    await page.getByTestId('lang-zh').click();
  }, STEP_TIMEOUT);

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
