/// <reference lib="dom" />
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SHOTS, STEP_TIMEOUT, axeProblems, closeBrowserSession, describeInBrowser, graphql, openBrowserSession, signIn, tokenFor } from './helpers';

// The bureau's 考核 screens in Chromium: the ranking moves with the as-of date, a credited figure drills down
// to its arrivals and a project opens on the map; the printable A4 ranking; the ledger import with its report.

/** The districts' names and credited amounts, in ranking order, as the table shows them. */
const districtRows = (page: Page) =>
  page.getByTestId('ranking-districts').getByTestId('ranking-row').evaluateAll((rows) =>
    rows.map((r) => `${r.querySelector('[data-testid="ranking-unit"]')!.textContent}:${r.querySelector('[data-testid="ranking-credited"]')!.textContent}`));

describeInBrowser('assessment dashboard and ledger import in the browser', () => {
  let server: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ server, browser, page } = await openBrowserSession({ width: 1400, height: 1000 }, pageErrors));
  }, 180_000);

  afterAll(() => closeBrowserSession({ server, browser }));

  it('bureau changes the as-of date, sees the ranking change, and drills down to a project on the map', async () => {
    await page.goto(server.url);
    await signIn(page, 'bureau');
    await page.getByTestId('nav-assessment').click();
    await page.getByTestId('ranking-districts').getByTestId('ranking-row').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('assess-as-of').fill('2026-11-15');
    await page.waitForFunction(() => !document.querySelector('[data-testid="assess-loading"]'));
    await page.getByTestId('ranking-districts').getByTestId('ranking-row').first().waitFor();
    const november = await districtRows(page);
    expect(november).toHaveLength(10);
    await page.screenshot({ path: `${SHOTS}assessment-2026-11-15.png`, fullPage: true });

    await page.getByTestId('assess-as-of').fill('2026-03-31');
    await page.waitForFunction((before) => {
      const rows = [...document.querySelectorAll('[data-testid="ranking-districts"] [data-testid="ranking-row"]')]
        .map((r) => `${r.querySelector('[data-testid="ranking-unit"]')!.textContent}:${r.querySelector('[data-testid="ranking-credited"]')!.textContent}`);
      return rows.length === 10 && rows.join('|') !== before;
    }, november.join('|'), { timeout: 30_000 });
    const march = await districtRows(page);
    expect(march).not.toEqual(november);
    // The same figures the API computes for that date, in the same order.
    const token = await tokenFor(server.url, 'bureau');
    const api = await graphql(server.url, `{ assessmentRanking(year: 2026, asOf: "2026-03-31") { districts { unit { name } } } }`, {}, token);
    expect(march.map((r) => r.split(':')[0])).toEqual(api.data.assessmentRanking.districts.map((d: any) => d.unit.name));
    expect(await page.getByTestId('ranking-districts-bottom').textContent()).toContain('后三名');
    await page.getByTestId('rate-start').waitFor();
    await page.screenshot({ path: `${SHOTS}assessment-2026-03-31.png`, fullPage: true });

    // As published at the end of 2026-03-31 (China time): what entries recorded since then changed.
    const rev = await graphql(server.url, `{ assessmentRevision(year: 2026, asOf: "2026-03-31", publishedAt: "2026-03-31T15:59:00Z") { changes { unit { name } } lateEntries { entityId } lateEdits { field } } }`, {}, token);
    await page.getByTestId('assess-published-at').fill('2026-03-31T23:59');
    const revision = page.getByTestId('assess-revision');
    if (rev.data.assessmentRevision.changes.length || rev.data.assessmentRevision.lateEdits.length) {
      await revision.getByTestId('assess-late-entries').waitFor({ timeout: 30_000 });
      expect(await revision.locator('tbody tr').count()).toBe(rev.data.assessmentRevision.changes.length);
      expect(await revision.getByTestId('assess-late-entries').locator('li').count()).toBe(rev.data.assessmentRevision.lateEntries.length);
      expect(await revision.getByTestId('assess-late-edits').locator('li').count()).toBe(rev.data.assessmentRevision.lateEdits.length);
    } else {
      await revision.getByText('发布后没有影响排名的录入').waitFor({ timeout: 30_000 });
    }
    await revision.screenshot({ path: `${SHOTS}assessment-revision.png` });

    await page.getByTestId('ranking-districts').getByTestId('ranking-credited').first().click();
    const drill = page.getByTestId('assess-drill');
    await drill.getByTestId('drill-project').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}assessment-drill-down.png`, fullPage: true });
    const label = (await drill.getByTestId('drill-project').first().textContent())!;
    await drill.getByTestId('drill-project').first().click();
    const panel = page.locator('[data-testid="side-panel"][data-kind="project"]');
    await panel.waitFor({ timeout: 60_000 });
    await page.waitForFunction((name) => document.querySelector('[data-testid="side-panel"] [data-testid="panel-title"]')?.textContent === name,
      label.split(' ').slice(1).join(' '), { timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}assessment-project-on-map.png` });

    // The district panel shows the unit's targets, credited amount, rates and rank.
    const regions = await graphql(server.url, `{ regions(filter: { text: "梁园区" }) { nodes { id name } } }`, {}, token);
    const liangyuan = regions.data.regions.nodes.find((r: any) => r.name === '梁园区');
    await page.goto(`${server.url}/#/map/region/${liangyuan.id}`);
    const facts = page.getByTestId('unit-assessment');
    await facts.waitFor({ timeout: 60_000 });
    expect(await facts.textContent()).toMatch(/名次\d+ \/ 10/);
    await page.screenshot({ path: `${SHOTS}assessment-region-panel.png` });
  });

  it('renders the quarterly ranking as a printable A4 notice', async () => {
    await page.goto(`${server.url}/#/assessment/print/2026-09-30`);
    const report = page.getByTestId('ranking-report');
    await report.locator('.report-table tbody tr').first().waitFor({ timeout: 60_000 });
    expect(await report.locator('h1').textContent()).toBe('2026年第3季度招商引资工作考核排名通报');
    expect(await report.locator('.report-table').count()).toBe(2);
    expect(await report.locator('.report-sign').textContent()).toContain('2026年9月30日');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${SHOTS}assessment-print-a4.png`, fullPage: true });
    expect(await page.locator('.report-actions').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('bureau checks a ledger with errors (every problem by row), then imports a valid one', async () => {
    const dir = tmpdir();
    const header = '项目编号,项目名称,引荐单位,项目类别,协议投资(万元),线索日期,签约日期,开工日期,到位日期,到位金额(万元),凭证号';
    const bad = join(dir, 'ledger-bad.csv');
    writeFileSync(bad, [header,
      'E2E-B1,坏单位,火星区,制造业,100,2026-01-01,,,,,',
      'E2E-B2,负金额,梁园区,制造业,-1,2026-01-01,,,,,',
      'E2E-B3,倒序,梁园区,制造业,100,2026-01-01,2026-03-01,2026-02-01,,,',
    ].join('\n'));
    const good = join(dir, 'ledger-good.csv');
    const code = `E2E-${Date.now().toString(36)}`;
    writeFileSync(good, [header, `${code},E2E台账导入项目,梁园区,制造业,12000,2026-01-01,2026-02-01,2026-04-01,2026-03-01,800,E2E凭证1`].join('\n'));

    await page.goto(`${server.url}/#/ledger`);
    await page.getByTestId('ledger-file').setInputFiles(bad);
    await page.getByTestId('ledger-check').click();
    await page.getByTestId('ledger-problems').waitFor({ timeout: 30_000 });
    const problems = await page.getByTestId('ledger-problems').locator('tbody tr').allTextContents();
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('火星区');
    expect(problems[1]).toMatch(/^3协议投资/);
    expect(problems[2]).toMatch(/^4开工日期/);
    expect(await page.getByTestId('ledger-import').isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}ledger-errors.png`, fullPage: true });

    await page.getByTestId('ledger-file').setInputFiles(good);
    await page.getByTestId('ledger-check').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="ledger-status"]')?.textContent?.includes('预检通过'), undefined, { timeout: 30_000 });
    await page.getByTestId('ledger-import').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="ledger-status"]')?.textContent?.includes('已全部写入'), undefined, { timeout: 30_000 });
    expect(await page.getByTestId('ledger-summary').textContent()).toContain('新增 1');
    await page.screenshot({ path: `${SHOTS}ledger-imported.png`, fullPage: true });
    const token = await tokenFor(server.url, 'bureau');
    const r = await graphql(server.url, `query($t: String!) { projects(filter: { text: $t }) { nodes { code stage fundsInPlace } } }`, { t: 'E2E台账导入项目' }, token);
    expect(r.data.projects.nodes).toContainEqual({ code, stage: 'STARTED', fundsInPlace: 800 });
    expect(pageErrors).toEqual([]);
  });

  it('the project list filters and sorts on the server, shows totals, and opens a project on the map', async () => {
    await page.goto(`${server.url}/#/projects`);
    await page.locator('[data-testid="sign-in-form"], [data-testid="viewer-name"]').first().waitFor({ timeout: 30_000 });
    if (await page.getByTestId('sign-in-form').isVisible()) await signIn(page, 'bureau');
    await page.getByTestId('projects-row').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('projects-filter-stage').selectOption('STARTED');
    await page.getByTestId('projects-sort').selectOption('AGREED_DESC');
    const token = await tokenFor(server.url, 'bureau');
    const api = await graphql(server.url, `{ projectList(filter: { stages: [STARTED] }, sort: AGREED_DESC, limit: 50) { totalCount rows { project { code } } } }`, {}, token);
    const expected = api.data.projectList;
    await page.waitForFunction((n) => document.querySelector('[data-testid="projects-totals"]')?.textContent?.includes(`共 ${n} 个项目`), expected.totalCount, { timeout: 30_000 });
    await page.waitForFunction((code) => document.querySelector('[data-testid="projects-row"] td')?.textContent === code, expected.rows[0].project.code, { timeout: 30_000 });
    const codes = await page.getByTestId('projects-row').evaluateAll((rows) => rows.map((r) => r.querySelector('td')!.textContent));
    expect(codes).toEqual(expected.rows.map((r: any) => r.project.code));
    await page.screenshot({ path: `${SHOTS}projects-list.png`, fullPage: true });
    const name = (await page.getByTestId('projects-open').first().textContent())!;
    await page.getByTestId('projects-open').first().click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="side-panel"][data-kind="project"] [data-testid="panel-title"]')?.textContent === n, name, { timeout: 60_000 });
    expect(pageErrors).toEqual([]);
  });

  it('admin changes a coefficient in the settings and the dashboard ranking follows; refused input is explained in Chinese; hidden for others', async () => {
    const admin = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
    admin.on('pageerror', (error) => pageErrors.push(error.message));
    const token = await tokenFor(server.url, 'admin');
    const RANKED = `{ assessmentRanking(year: 2026, asOf: "2026-11-15") { districts { unit { name } creditedTotal } } }`;
    const fmt = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
    // The dashboard as of 2026-11-15 once it shows what the API computes now: "unit:credited" per district, in rank order.
    const showDashboard = async () => {
      await admin.getByTestId('ranking-districts').getByTestId('ranking-row').first().waitFor({ timeout: 60_000 });
      await admin.getByTestId('assess-as-of').fill('2026-11-15');
      const api = (await graphql(server.url, RANKED, {}, token)).data.assessmentRanking.districts.map((d: any) => `${d.unit.name}:${fmt.format(d.creditedTotal)}`);
      await admin.waitForFunction((want) => [...document.querySelectorAll('[data-testid="ranking-districts"] [data-testid="ranking-row"]')]
        .map((r) => `${r.querySelector('[data-testid="ranking-unit"]')!.textContent}:${r.querySelector('[data-testid="ranking-credited"]')!.textContent}`).join('|') === want,
      api.join('|'), { timeout: 30_000 });
      return districtRows(admin);
    };
    await admin.goto(server.url);
    await signIn(admin, 'admin');
    expect(await admin.getByTestId('nav-assessment-config').isVisible()).toBe(true);
    await admin.getByTestId('nav-assessment').click();
    const before = await showDashboard();
    // The minute before the edits below, China time, as the revision's publication moment.
    const publishedAt = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16);

    await admin.getByTestId('assess-configure').click();
    await admin.getByTestId('config-year').fill('2026');
    const coef = admin.getByTestId('coef-input-manufacturing');
    await coef.waitFor({ timeout: 30_000 });
    expect(await coef.inputValue()).toBe('100');
    expect(await axeProblems(admin)).toEqual([]);
    // A refused value comes back as a coded error, shown as the rule it breaks in the UI language; nothing is written.
    await admin.getByTestId('rule-hostShare').fill('150');
    await admin.getByTestId('rule-save').click();
    const refused = admin.getByTestId('rule-error');
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.textContent()).toContain('落地分成比例：须在 0% 到 100% 之间');
    expect(await refused.getAttribute('data-code')).toBe('INVALID_ARGUMENT');
    expect((await graphql(server.url, `{ assessmentRule(year: 2026) { hostShare } }`, {}, token)).data.assessmentRule.hostShare).toBe(0.5);
    await admin.screenshot({ path: `${SHOTS}assessment-config-refused.png`, fullPage: true });

    // Manufacturing at 50% for 2026: every district's credited amount from manufacturing halves on the next query.
    await coef.fill('50');
    await admin.getByTestId('coef-save-manufacturing').click();
    await admin.getByTestId('coef-manufacturing-saved').waitFor({ timeout: 30_000 });
    await admin.getByTestId('lang-en').click();
    await admin.getByText('Category coefficients of 2026').waitFor();
    await admin.screenshot({ path: `${SHOTS}assessment-config-en.png`, fullPage: true });
    await admin.getByTestId('lang-zh').click();
    await admin.getByTestId('config-to-dashboard').click();
    const after = await showDashboard();
    expect(after).not.toEqual(before);
    await admin.screenshot({ path: `${SHOTS}assessment-after-coefficient.png`, fullPage: true });

    // Back to 100%, and the dashboard shows the figures it started with.
    await admin.getByTestId('assess-configure').click();
    await admin.getByTestId('config-year').fill('2026');
    await admin.getByTestId('coef-input-manufacturing').fill('100');
    await admin.getByTestId('coef-save-manufacturing').click();
    await admin.getByTestId('coef-manufacturing-saved').waitFor({ timeout: 30_000 });
    await admin.getByTestId('config-to-dashboard').click();
    expect(await showDashboard()).toEqual(before);
    // As published a minute before: the same figures, and the two audited coefficient edits listed as made since.
    await admin.getByTestId('assess-published-at').fill(publishedAt);
    const edits = admin.getByTestId('assess-late-edits').locator('li', { hasText: '类别系数 2026:manufacturing' });
    await edits.nth(1).waitFor({ timeout: 30_000 });
    expect(await edits.allTextContents()).toEqual([expect.stringContaining('类别系数：1 → 0.5'), expect.stringContaining('类别系数：0.5 → 1')]);
    await admin.getByTestId('assess-revision').screenshot({ path: `${SHOTS}assessment-revision-edits.png` });
    await admin.close();

    // Not for the bureau: no menu entry, no link on the dashboard, and the address explains who may change it.
    await page.goto(`${server.url}/#/assessment`);
    await page.locator('[data-testid="sign-in-form"], [data-testid="viewer-name"]').first().waitFor({ timeout: 30_000 });
    if (await page.getByTestId('sign-in-form').isVisible()) await signIn(page, 'bureau');
    await page.getByTestId('ranking-districts').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('nav-assessment-config').count()).toBe(0);
    expect(await page.getByTestId('assess-configure').count()).toBe(0);
    await page.goto(`${server.url}/#/assessment-config`);
    await page.getByTestId('config-admin-only').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('coef-input-manufacturing').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, STEP_TIMEOUT);
});
