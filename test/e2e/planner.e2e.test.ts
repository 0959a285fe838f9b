/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client } from 'pg';
import { ESRI_GK_PRJ, gaussKruger, lonLatRect, shapefileZip } from '../support/gis-files';
import { SHOTS, STEP_TIMEOUT, closeBrowserSession, describeInBrowser, openBrowserSession, renderedCount, signIn, waitForIdle } from './helpers';

// Planners (issue 9) in Chromium: themes and legend classes, labels, at 1024×768 and on a phone.
describeInBrowser('planner map in a real browser', () => {
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let savedBoundary: { id: number; geojson: string } | null = null;

  beforeAll(async () => {
    ({ server, browser, page } = await openBrowserSession({ width: 1024, height: 768 }, pageErrors, /cannot fit/i));
  }, 180_000);

  afterAll(async () => {
    await closeBrowserSession({ server, browser });
    const c = new Client({ connectionString: process.env.ATLAS_TEST_DATABASE_URL });
    await c.connect();
    await c.query(`DELETE FROM parcel WHERE code LIKE 'WEB-IMP-%'`);
    if (savedBoundary) await c.query(`UPDATE park SET boundary = ST_SetSRID(ST_GeomFromGeoJSON($2), 4326) WHERE id = $1`, [savedBoundary.id, savedBoundary.geojson]);
    await c.end();
  });

  it('opens on the whole city with park and district labels', async () => {
    await page.goto(server.url);
    await signIn(page, 'planner');
    await page.waitForFunction(() => (window.__atlasMap?.queryRenderedFeatures({ layers: ['parks-fill'] }).length ?? 0) > 0, null, { timeout: 60_000 });
    await waitForIdle(page);
    // Every district is on screen: the opening view fits the city.
    const inView = await page.evaluate(async () => {
      const map = window.__atlasMap! as unknown as { getBounds(): { contains(p: [number, number]): boolean } };
      // The districts whole (the map holds them as tiles, cut at tile edges): from the OGC API, as the app's session.
      const res = await fetch('/ogc/collections/regions/items?level=district&limit=100', { headers: { authorization: `Bearer ${localStorage.getItem('atlas.token') ?? ''}` } });
      const data = await res.json();
      const pts: [number, number][] = data.features.flatMap((f: any) => f.geometry.coordinates.flat(2));
      return pts.filter((p) => !map.getBounds().contains(p)).length / pts.length;
    });
    expect(inView).toBeLessThan(0.02);
    await page.waitForFunction(() => (window.__atlasMap?.queryRenderedFeatures({ layers: ['regions-label'] }).length ?? 0) > 0, null, { timeout: 30_000 });
    await waitForIdle(page);
    await page.screenshot({ path: `${SHOTS}planner-city-1024.png` });
    expect(await renderedCount(page, 'regions-label')).toBeGreaterThan(2);
    expect(await renderedCount(page, 'parks-label')).toBeGreaterThan(3);
  }, STEP_TIMEOUT);

  it('switches the parks theme and sees the legend change, then toggles legend classes one by one', async () => {
    const classes = page.getByTestId('legend-classes-parks');
    expect(await classes.textContent()).toContain('国家级');
    await page.getByTestId('theme-select-parks').selectOption('park-available');
    await page.waitForFunction(() => document.querySelector('[data-testid="legend-classes-parks"]')?.textContent?.includes('1000 亩及以上'));
    expect(await classes.textContent()).not.toContain('国家级');
    await waitForIdle(page);
    const all = await renderedCount(page, 'parks-fill');
    // Label carries the figure of the theme.
    const label = await page.evaluate(() => JSON.stringify(window.__atlasMap!.getLayoutProperty('parks-label', 'text-field')));
    expect(label).toContain('availableMu');
    // Count parks per class from their own properties, then hide classes one at a time.
    const props = await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['parks-fill'] }).map((f) => Number(f.properties.availableMu ?? 0)));
    expect(props.length).toBe(all);
    const big = new Set(await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['parks-fill'] })
      .filter((f) => Number(f.properties.availableMu) >= 1000).map((f) => String(f.id))));
    await page.getByTestId('legend-class-park-available-b4').uncheck();
    await waitForIdle(page);
    const afterOne = await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['parks-fill'] }).map((f) => String(f.id)));
    expect(afterOne.some((id) => big.has(id))).toBe(false);
    await page.getByTestId('legend-class-park-available-b3').uncheck();
    await waitForIdle(page);
    const afterTwo = await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['parks-fill'] }).map((f) => Number(f.properties.availableMu)));
    expect(afterTwo.every((v) => v < 500)).toBe(true);
    await page.screenshot({ path: `${SHOTS}planner-theme-available.png` });
    await page.getByTestId('legend-class-park-available-b4').check();
    await page.getByTestId('legend-class-park-available-b3').check();
    await page.getByTestId('theme-select-parks').selectOption('park-grade');
    await page.waitForFunction(() => document.querySelector('[data-testid="legend-classes-parks"]')?.textContent?.includes('A 类'));
    await page.getByTestId('theme-select-parcels').selectOption('parcel-flags');
    await page.waitForFunction(() => document.querySelector('[data-testid="legend-classes-parcels"]')?.textContent?.includes('圈大建小'));
    await waitForIdle(page);
    await page.screenshot({ path: `${SHOTS}planner-theme-grade-flags.png` });
    await page.getByTestId('theme-select-parks').selectOption('park-level');
    await page.getByTestId('theme-select-parcels').selectOption('parcel-land-use');
    expect(pageErrors).toEqual([]);
  }, STEP_TIMEOUT);

  it('finds a site for 300 亩 and sees the contiguous group lit, with its outline and total area', async () => {
    await page.getByTestId('site-finder-open').click();
    await page.getByTestId('site-need').fill('300');
    await page.getByTestId('site-find').click();
    await page.getByTestId('site-results').waitFor();
    const group = page.locator('[data-testid="site-result"][data-kind="GROUP"]').first();
    await group.waitFor({ timeout: 30_000 });
    await waitForIdle(page);
    // Every listed parcel is lit: the lit layer draws features.
    await page.waitForFunction(() => (window.__atlasMap?.queryRenderedFeatures({ layers: ['site-lit'] }).length ?? 0) > 0, null, { timeout: 30_000 });
    await group.click();
    const detail = page.getByTestId('site-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toMatch(/合计 [\d,.]+ 亩/);
    const total = Number((await detail.textContent())!.match(/合计 ([\d,.]+) 亩/)![1].replace(/,/g, ''));
    expect(total).toBeGreaterThanOrEqual(300);
    await waitForIdle(page);
    await page.waitForFunction(() => (window.__atlasMap?.queryRenderedFeatures({ layers: ['site-outline-line'] }).length ?? 0) > 0, null, { timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}planner-site-finder.png` });
    await page.getByTestId('site-finder-close').click();
  }, STEP_TIMEOUT);

  it('imports a Shapefile through the web: progress, per-feature report, preview, commit, then the parcels on the map', async () => {
    const rings = [0, 1, 2].map((i) => lonLatRect(115.835 + i * 0.0012, 34.618, 90, 70));
    const zip = await shapefileZip('web', rings.map((r, i) => ({
      props: { DKBH: `WEB-IMP-0${i + 1}`, YDXZ: i === 2 ? '未知地类' : '一类工业用地', ZT: '可供' },
      rings: [r.map(([a, b]) => gaussKruger(a, b, 117, 39_500_000))],
    })), { prj: ESRI_GK_PRJ(117, true), encoding: 'gbk' });
    await page.goto(`${server.url}/#/import`);
    await page.waitForFunction(() => !!document.querySelector('[data-testid="import-file"], [data-testid="sign-in-username"]'));
    if (await page.getByTestId('sign-in-username').isVisible()) await signIn(page, 'planner');
    await page.getByTestId('import-file').setInputFiles({ name: 'web.zip', mimeType: 'application/zip', buffer: zip });
    await page.getByTestId('import-check').click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-summary').textContent()).toContain('共 3 个要素：2 个有效，1 个有问题');
    expect(await page.getByTestId('import-problems').textContent()).toContain('要素 3');
    expect(await page.getByTestId('import-problems').textContent()).toContain('用地性质无法识别');
    await page.waitForFunction(() => {
      const m = (window as unknown as { __atlasPreviewMap?: { getLayer(id: string): unknown; queryRenderedFeatures(o: unknown): { properties: { code: string } }[] } }).__atlasPreviewMap;
      // A feature cut by a tile edge comes back once per tile: count codes.
      return !!m?.getLayer('preview-fill') && new Set(m.queryRenderedFeatures({ layers: ['preview-fill'] }).map((f) => f.properties.code)).size === 3;
    }, null, { timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}planner-import-preview.png`, fullPage: true });
    // With problems the commit waits for "skip invalid".
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await page.getByTestId('import-skip').check();
    await page.getByTestId('import-check').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="import-commit"]')?.hasAttribute('disabled'));
    await page.getByTestId('import-commit').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="import-summary"]')?.textContent?.includes('已导入'), null, { timeout: 30_000 });
    expect(await page.getByTestId('import-summary').textContent()).toContain('新增 2');
    await page.screenshot({ path: `${SHOTS}planner-import-done.png`, fullPage: true });
    await page.getByTestId('import-to-map').click();
    // The map page loads the parcels afresh; the imported ones are among them (codes counted once: a parcel cut by a tile edge comes once per tile).
    const imported = async () => page.evaluate(() => {
      const map = window.__atlasMap;
      if (!map?.getSource('parcels')) return -1;
      return new Set(map.querySourceFeatures('parcels', { sourceLayer: 'parcels' }).map((f) => String(f.properties.code)).filter((c) => c.startsWith('WEB-IMP-'))).size;
    });
    for (let i = 0; i < 120 && (await imported()) !== 2; i++) await page.waitForTimeout(500);
    expect(await imported()).toBe(2);
    await page.evaluate(() => (window.__atlasMap as unknown as { jumpTo(o: unknown): void }).jumpTo({ center: [115.8365, 34.6183], zoom: 16 }));
    await waitForIdle(page);
    const drawn = await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['parcels-fill'] }).filter((f) => String(f.properties.code).startsWith('WEB-IMP-')).length);
    expect(drawn).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: `${SHOTS}planner-imported-on-map.png` });
  }, STEP_TIMEOUT);

  it('imports a park boundary through the web: by park name, checked, then written', async () => {
    const c = new Client({ connectionString: process.env.ATLAS_TEST_DATABASE_URL });
    await c.connect();
    try {
      const { rows: [park] } = await c.query(`SELECT id, name, ST_AsGeoJSON(boundary, 15) AS geojson, ST_X(ST_PointOnSurface(boundary)) AS lon, ST_Y(ST_PointOnSurface(boundary)) AS lat
        FROM park WHERE parent_park_id IS NULL ORDER BY id DESC LIMIT 1`);
      savedBoundary = { id: park.id, geojson: park.geojson };
      const ring = lonLatRect(Number(park.lon) - 0.003, Number(park.lat) - 0.002, 500, 400);
      const file = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { YQMC: park.name }, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
      await page.goto(`${server.url}/#/import`);
      await page.getByTestId('import-kind').selectOption('parks');
      await page.getByTestId('import-parks-intro').waitFor();
      expect(await page.getByTestId('import-park').count()).toBe(0);
      await page.getByTestId('import-file').setInputFiles({ name: '园区边界.geojson', mimeType: 'application/geo+json', buffer: file });
      await page.getByTestId('import-check').click();
      await page.getByTestId('import-report').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('import-summary').textContent()).toContain('共 1 个要素：1 个有效，0 个有问题');
      expect(await page.getByTestId('import-row').getAttribute('data-action')).toBe('update');
      expect(await page.getByTestId('import-features').textContent()).toContain(park.name);
      await page.getByTestId('import-commit').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="import-summary"]')?.textContent?.includes('已导入'), null, { timeout: 30_000 });
      expect(await page.getByTestId('import-summary').textContent()).toContain('更新 1');
      await page.screenshot({ path: `${SHOTS}planner-import-park-boundary.png`, fullPage: true });
      const { rows: [after] } = await c.query(`SELECT ST_NPoints(boundary) AS n, ST_Area(boundary::geography) AS m2 FROM park WHERE id = $1`, [park.id]);
      expect(Number(after.n)).toBe(5);
      expect(Number(after.m2)).toBeCloseTo(500 * 400, -3);
    } finally {
      await c.end();
    }
  }, STEP_TIMEOUT);

  it('keeps following selections after a point record opened from search while a panel shows; Enter takes the hit of the current text', async () => {
    await page.goto(`${server.url}/#/map`);
    await page.waitForFunction(() => !!document.querySelector('[data-testid="search-input"], [data-testid="sign-in-username"]'));
    if (await page.getByTestId('sign-in-username').isVisible()) await signIn(page, 'planner');
    await page.waitForFunction(() => !!window.__atlasMap?.getLayer('parks-fill'), null, { timeout: 60_000 });
    const input = page.getByTestId('search-input');
    const center = () => page.evaluate(() => (window.__atlasMap as unknown as { getCenter(): { lng: number; lat: number } }).getCenter());
    // A park panel first.
    await input.fill('古宋');
    await page.locator('[data-testid="search-result"][data-kind="PARK"]').first().click();
    await page.getByTestId('side-panel').waitFor();
    // Then a point record (a project) from search, while the panel shows.
    await input.fill('项目');
    await page.locator('[data-testid="search-result"][data-kind="PROJECT"]').first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid="side-panel"]')?.getAttribute('data-kind') === 'project');
    await waitForIdle(page);
    const atProject = await center();
    // Now a different park by typing fast and pressing Enter before the hits arrive: the map must move there.
    await input.fill('');
    await input.pressSequentially('永城芒砀', { delay: 5 });
    await input.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="panel-title"]')?.textContent === '永城芒砀经济技术开发区', null, { timeout: 30_000 });
    await waitForIdle(page);
    const atPark = await center();
    expect(Math.hypot(atPark.lng - atProject.lng, atPark.lat - atProject.lat)).toBeGreaterThan(0.05);
    const parkVisible = await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['parks-fill'] }).some((f) => f.properties.name === '永城芒砀经济技术开发区'));
    expect(parkVisible).toBe(true);
    await page.screenshot({ path: `${SHOTS}planner-follow-selection.png` });
    expect(pageErrors).toEqual([]);
  }, STEP_TIMEOUT);

  it('stays usable on a phone (390×844): header, legend and panels collapse', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    try {
      await phone.goto(server.url);
      await signIn(phone, 'planner');
      await phone.waitForFunction(() => (window.__atlasMap?.queryRenderedFeatures({ layers: ['parks-fill'] }).length ?? 0) > 0, null, { timeout: 60_000 });
      const header = await phone.getByTestId('app-header').boundingBox();
      expect(header!.height).toBeLessThanOrEqual(56);
      expect(await phone.getByTestId('legend-collapse').getAttribute('aria-expanded')).toBe('false');
      const legend = await phone.getByTestId('legend').boundingBox();
      expect(legend!.height).toBeLessThan(80);
      // Nothing runs off the side.
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: `${SHOTS}planner-phone-map.png` });
      // A record opens as a bottom sheet; the map above it still shows and still moves.
      await phone.getByTestId('search-input').fill('古宋');
      await phone.locator('[data-testid="search-result"][data-kind="PARK"]').first().click();
      const panel = phone.getByTestId('side-panel');
      await panel.waitFor();
      const box = await panel.boundingBox();
      expect(box!.width).toBeGreaterThan(380);
      expect(box!.y).toBeGreaterThan(844 * 0.4);
      await waitForIdle(phone);
      const inView = await phone.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['parks-fill'] }).some((f) => String(f.properties.name).includes('古宋')));
      expect(inView).toBe(true);
      await phone.screenshot({ path: `${SHOTS}planner-phone-panel.png` });
    } finally {
      await phone.close();
    }
  }, STEP_TIMEOUT);
});
