import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SHOTS, STEP_TIMEOUT, axeProblems, describeInBrowser, graphql, launchChromium, signIn, startServer, tokenFor, waitForIdle } from './helpers';

describeInBrowser('keyboard and screen-reader basics in a real browser', () => {
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('has no serious or critical axe violations on the sign-in page', async () => {
    await page.goto(server.url);
    await page.locator('[data-testid="demo-account"]').first().waitFor();
    expect(await axeProblems(page)).toEqual([]);
  }, STEP_TIMEOUT);

  it('search is a combobox whose input points at the active option; options hold no buttons', async () => {
    const token = await tokenFor(server.url, 'planner');
    const r = await graphql<{ parks: { nodes: { name: string }[] } }>(server.url, '{ parks(first: 1) { nodes { name } } }', {}, token);
    const name = r.data!.parks.nodes[0].name;
    await signIn(page, 'planner');
    const input = page.getByTestId('search-input');
    await input.focus();
    await input.pressSequentially(name.slice(0, 4));
    await page.getByTestId('search-result').first().waitFor({ timeout: 30_000 });
    await input.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    const option = page.locator(`[id="${active}"]`);
    expect(await option.getAttribute('role')).toBe('option');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('[role="option"] button').count()).toBe(0);
    // Focus stays in the input while moving through the options, with a visible ring.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-input');
    expect(await input.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await input.press('Escape');
    await input.fill('');
  }, STEP_TIMEOUT);

  it('lists the features in view for the keyboard; choosing one moves focus into its panel, Escape brings it back', async () => {
    await page.waitForFunction(() => !!window.__atlasMap?.getLayer('parks-fill') && window.__atlasMap.queryRenderedFeatures({ layers: ['parks-fill'] }).length > 0, undefined, { timeout: 60_000 });
    await waitForIdle(page);
    const list = page.getByTestId('feature-list');
    await list.locator('summary').focus();
    await page.keyboard.press('Enter');
    const first = list.getByTestId('feature-list-item').first();
    await first.waitFor({ timeout: 30_000 });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('feature-list-item');
    const [kind, id] = [await first.getAttribute('data-kind'), await first.getAttribute('data-id')];
    await page.keyboard.press('Enter');
    const panel = page.locator(`[data-testid="side-panel"][data-kind="${kind}"][data-id="${id}"]`);
    await panel.waitFor();
    await page.getByTestId('panel-title').filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });
    expect(await panel.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.screenshot({ path: `${SHOTS}a11y-panel.png` });
    expect(await axeProblems(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('side-panel').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('feature-list-item');
  }, STEP_TIMEOUT);
});
