/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SHOTS, STEP_TIMEOUT, describeInBrowser, graphql, launchChromium, signIn, startServer, tokenFor, waitForIdle } from './helpers';

// Files and moves a project in the browser as the investment bureau would, then checks that read-only roles
// and a district officer of another unit are not offered the controls. The database effect is read back
// through the UI and, as an integrator would, over GraphQL.
const PROJECTS_LAYER = 'projects-circle';

/** Today in China (UTC+8), the date the server records stages in. */
const todayInChina = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

interface ProjectFeature { stage: string; rendered: boolean }

/** The project's feature in the map's loaded `projects` tiles (and whether it is drawn), or null. */
async function projectOnMap(page: Page, id: string): Promise<ProjectFeature | null> {
  return page.evaluate(({ id, layer }) => {
    const map = window.__atlasMap!;
    const feature = map.querySourceFeatures('projects', { sourceLayer: 'projects' }).find((f) => String(f.id ?? f.properties?.id) === id);
    if (!feature) return null;
    const rendered = map.queryRenderedFeatures({ layers: [layer] }).some((f) => String(f.id ?? f.properties.id) === id);
    return { stage: String(feature.properties?.stage), rendered };
  }, { id, layer: PROJECTS_LAYER });
}

/** Polls the map until the project's feature has the stage (the source reloads after a write). */
async function waitForStageOnMap(page: Page, id: string, stage: string): Promise<ProjectFeature> {
  const deadline = Date.now() + 30_000;
  let last: ProjectFeature | null = null;
  while (Date.now() < deadline) {
    last = await projectOnMap(page, id);
    if (last?.stage === stage) return last;
    await page.waitForTimeout(250);
  }
  throw new Error(`project ${id} on the map: expected stage ${stage}, got ${JSON.stringify(last)}`);
}

/** Opens a project's panel through the search box, as a person would. */
async function openProjectBySearch(page: Page, text: string, id: string): Promise<void> {
  await page.getByTestId('search-input').fill(text);
  const hit = page.locator(`[data-testid="search-result"][data-kind="PROJECT"][data-id="${id}"]`);
  await hit.waitFor({ timeout: 30_000 });
  await hit.click();
  const panel = page.locator(`[data-testid="side-panel"][data-kind="project"][data-id="${id}"]`);
  await panel.waitFor();
  await panel.getByTestId('stage-timeline').waitFor({ timeout: 30_000 });
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in-form').waitFor();
}

describeInBrowser('editing projects in the browser', () => {
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const name = `E2E 测试新能源配套项目 ${Date.now().toString(36)}`;
  const today = todayInChina();
  let bureauToken: string;
  let park: { id: string; name: string };
  let projectId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    bureauToken = await tokenFor(server.url, 'bureau');
    const parks = await graphql<{ parks: { nodes: { id: string; name: string; parentPark: unknown }[] } }>(
      server.url, '{ parks(first: 50) { nodes { id name parentPark { id } } } }', {}, bureauToken);
    park = parks.data!.parks.nodes.find((p) => !p.parentPark)!;
    expect(park, 'a top-level park in the demo city').toBeTruthy();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('bureau files a new project through the dialog, placed by a click on the map', async () => {
    await page.goto(server.url);
    await signIn(page, 'bureau');
    await page.waitForFunction((layer) => !!window.__atlasMap?.getLayer(layer), PROJECTS_LAYER, { timeout: 60_000 });
    await page.locator('[data-testid="legend-status-projects"].ready').waitFor({ timeout: 60_000 });

    await page.getByTestId('new-project').click();
    const dialog = page.getByTestId('new-project-dialog');
    await dialog.getByTestId('new-project-form').waitFor();
    // Client-side check first: nothing filled in.
    await dialog.getByTestId('new-project-submit').click();
    expect(await dialog.getByTestId('new-project-error').textContent()).toContain('请填写名称');

    await dialog.getByTestId('new-project-name').fill(name);
    await dialog.getByTestId('new-project-unit').selectOption({ label: '梁园区' });
    await dialog.getByTestId('new-project-category').selectOption('manufacturing');
    await dialog.getByTestId('new-project-park').selectOption(park.id);
    await dialog.getByTestId('new-project-agreed').fill('20000');

    // Move the map to the park with the search box (the dialog stays open), then pick a point inside it.
    await page.getByTestId('search-input').fill(park.name);
    const parkHit = page.locator(`[data-testid="search-result"][data-kind="PARK"][data-id="${park.id}"]`);
    await parkHit.waitFor({ timeout: 30_000 });
    await parkHit.click();
    await waitForIdle(page);
    expect(await dialog.isVisible(), 'search keeps the dialog open').toBe(true);
    await dialog.getByTestId('new-project-pick').click();
    await page.getByTestId('map-pick-hint').waitFor();
    const target = await page.evaluate((parkId) => {
      const map = window.__atlasMap!;
      // The park as its loaded tiles hold it: one piece per tile, together the whole park.
      const pieces = map.querySourceFeatures('parks', { sourceLayer: 'parks' }).filter((f) => String(f.id ?? f.properties?.id) === parkId);
      const points: number[][] = [];
      const walk = (c: unknown) => (Array.isArray(c) && typeof c[0] === 'number' ? points.push(c as number[]) : Array.isArray(c) && c.forEach(walk));
      pieces.forEach((f) => walk((f.geometry as { coordinates: unknown }).coordinates));
      const lngLat = [(Math.min(...points.map((p) => p[0])) + Math.max(...points.map((p) => p[0]))) / 2, (Math.min(...points.map((p) => p[1])) + Math.max(...points.map((p) => p[1]))) / 2];
      const p = map.project(lngLat);
      const rect = map.getCanvas().getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    }, park.id);
    await page.mouse.click(target.x, target.y);
    await dialog.getByTestId('new-project-point').waitFor();
    await page.getByTestId('picked-point').waitFor();
    await page.screenshot({ path: `${SHOTS}project-new-dialog.png` });

    await dialog.getByTestId('new-project-submit').click();
    const panel = page.locator('[data-testid="side-panel"][data-kind="project"]');
    await panel.waitFor({ timeout: 30_000 });
    await page.waitForFunction((n) => document.querySelector('[data-testid="panel-title"]')?.textContent === n, name, { timeout: 30_000 });
    projectId = (await panel.getAttribute('data-id'))!;
    expect(projectId).toMatch(/^\d+$/);
    expect(await panel.locator('[data-testid="timeline-step"].current').getAttribute('data-stage')).toBe('LEAD');
    expect(await panel.getByTestId('panel-body').textContent()).toContain('梁园区');

    // The new lead is on the map, at the picked point.
    const onMap = await waitForStageOnMap(page, projectId, 'lead');
    await waitForIdle(page);
    expect((await projectOnMap(page, projectId))?.rendered ?? onMap.rendered).toBe(true);
    await page.screenshot({ path: `${SHOTS}project-created.png` });
  }, STEP_TIMEOUT);

  it('moves the project from 线索 to 在谈: the timeline and the map point follow', async () => {
    const panel = page.getByTestId('side-panel');
    await panel.getByTestId('action-move-stage').click();
    const form = panel.getByTestId('stage-move-form');
    await form.waitFor();
    const offered = await form.getByTestId('stage-option').evaluateAll((inputs) => inputs.map((i) => i.getAttribute('data-stage')));
    expect(offered).toEqual(['NEGOTIATING', 'ELIMINATED']);
    expect(await form.getByTestId('stage-move-date').inputValue()).toBe(today);
    expect(await form.getByTestId('stage-move-date').getAttribute('max')).toBe(today);
    await page.screenshot({ path: `${SHOTS}project-move-form.png` });
    await form.getByTestId('stage-move-submit').click();

    await panel.locator('[data-testid="timeline-step"][data-stage="NEGOTIATING"].current').waitFor({ timeout: 30_000 });
    const step = panel.locator('[data-testid="timeline-step"][data-stage="NEGOTIATING"]');
    expect(await step.textContent()).toContain('在谈');
    expect(await step.textContent()).toContain(today);
    expect(await panel.getByTestId('action-notice').textContent()).toContain('在谈');
    await waitForStageOnMap(page, projectId, 'negotiating');
    await waitForIdle(page);
    await page.screenshot({ path: `${SHOTS}project-negotiating.png` });
  }, STEP_TIMEOUT);

  it('signs the project and records funds in place with a voucher', async () => {
    const panel = page.getByTestId('side-panel');
    expect(await panel.getByTestId('action-record-funds').count(), 'no funds before signing').toBe(0);
    await panel.getByTestId('action-move-stage').click();
    await panel.locator('[data-testid="stage-option"][data-stage="SIGNED"]').check();
    await panel.getByTestId('stage-move-submit').click();
    await panel.locator('[data-testid="timeline-step"][data-stage="SIGNED"].current').waitFor({ timeout: 30_000 });

    await panel.getByTestId('action-record-funds').click();
    const form = panel.getByTestId('fund-arrival-form');
    await form.getByTestId('fund-amount').fill('1234.5');
    await form.getByTestId('fund-foreign').fill('10');
    await form.getByTestId('fund-kind').selectOption('FIXED_ASSET');
    // The voucher is required: the form says so before anything is sent.
    await form.getByTestId('fund-submit').click();
    expect(await form.getByTestId('fund-error').textContent()).toContain('凭证');
    await form.getByTestId('fund-voucher').fill('E2E-VOUCHER-001');
    await form.getByTestId('fund-note').fill('首笔设备款');
    await page.screenshot({ path: `${SHOTS}project-fund-form.png` });
    await form.getByTestId('fund-submit').click();

    const arrival = panel.getByTestId('fund-arrival').first();
    await arrival.waitFor({ timeout: 30_000 });
    expect(await arrival.textContent()).toContain('1,234.5');
    expect(await arrival.textContent()).toContain('E2E-VOUCHER-001');
    expect(await panel.getByTestId('funds-summary').textContent()).toContain('1,234.5');
    await page.screenshot({ path: `${SHOTS}project-funds.png` });
  }, STEP_TIMEOUT);

  it('shows the server error for an amount the server refuses, then saves an edit', async () => {
    const panel = page.getByTestId('side-panel');
    await panel.getByTestId('action-edit').click();
    const form = panel.getByTestId('project-edit-form');
    await form.getByTestId('edit-agreedInvestment').fill('1000000000000');
    await form.getByTestId('edit-submit').click();
    const error = form.getByTestId('edit-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-code')).toBe('INVALID_AMOUNT');
    expect(await error.textContent()).toContain('agreedInvestment');
    await page.screenshot({ path: `${SHOTS}project-edit-error.png` });

    await form.getByTestId('edit-agreedInvestment').fill('25000');
    await form.getByTestId('edit-landNeedMu').fill('50');
    await form.getByTestId('edit-fixedAssetInvestment').fill('16000');
    await form.getByTestId('edit-submit').click();
    await panel.getByTestId('action-notice').waitFor({ timeout: 30_000 });
    const body = await panel.getByTestId('panel-body').textContent();
    expect(body).toContain('25,000');
    expect(body).toContain('320'); // investment intensity 16000 ÷ 50 万元/亩, computed by the server

    // What the database holds, read back as an integrator would.
    const r = await graphql(server.url, `query($id: ID!) { project(id: $id) { name stage agreedInvestment landNeedMu location
      introducingUnit { name } park { id } stageHistory { stage enteredOn } fundArrivals { amount foreignAmount kind evidenceRef evidenceNote } } }`,
      { id: projectId }, bureauToken);
    const p = r.data!.project;
    expect(p.name).toBe(name);
    expect(p.stage).toBe('SIGNED');
    expect(p.introducingUnit.name).toBe('梁园区');
    expect(p.park.id).toBe(park.id);
    expect(p.location.type).toBe('Point');
    expect(p.agreedInvestment).toBe(25000);
    expect(p.stageHistory.map((e: { stage: string }) => e.stage)).toEqual(['LEAD', 'NEGOTIATING', 'SIGNED']);
    expect(p.stageHistory.every((e: { enteredOn: string }) => e.enteredOn === today)).toBe(true);
    expect(p.fundArrivals).toEqual([{ amount: 1234.5, foreignAmount: 10, kind: 'FIXED_ASSET', evidenceRef: 'E2E-VOUCHER-001', evidenceNote: '首笔设备款' }]);
  }, STEP_TIMEOUT);

  it('offers a planner no edit controls', async () => {
    await signOut(page);
    await signIn(page, 'planner');
    expect(await page.getByTestId('new-project').count()).toBe(0);
    await openProjectBySearch(page, name, projectId);
    expect(await page.getByTestId('project-actions').count()).toBe(0);
    expect(await page.getByTestId('action-move-stage').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}project-planner.png` });
  }, STEP_TIMEOUT);

  it('offers a district officer controls on their own unit\'s projects only', async () => {
    const token = await tokenFor(server.url, 'liangyuan');
    const r = await graphql<{ me: { unitId: string }; projects: { nodes: { id: string; code: string; name: string; introducingUnit: { id: string } }[] } }>(
      server.url, '{ me { unitId } projects(first: 500) { nodes { id code name introducingUnit { id } } } }', {}, token);
    const unitId = r.data!.me.unitId;
    const other = r.data!.projects.nodes.find((p) => p.introducingUnit.id !== unitId)!;
    expect(other, 'a project credited to another unit').toBeTruthy();

    await signOut(page);
    await signIn(page, 'liangyuan');
    expect(await page.getByTestId('new-project').count(), 'district officers may file projects for their unit').toBe(1);
    await openProjectBySearch(page, other.code, other.id);
    expect(await page.getByTestId('project-actions').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}project-district-other-unit.png` });

    // The project filed above is credited to 梁园区: here the officer may edit it.
    await openProjectBySearch(page, name, projectId);
    await page.getByTestId('project-actions').waitFor();
    expect(await page.getByTestId('action-edit').count()).toBe(1);
  }, STEP_TIMEOUT);

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
