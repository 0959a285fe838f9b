/// <reference lib="dom" />
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, describeNeeding } from '../support/capabilities';

// Shared by the browser suites: Debian's Chromium, screenshots folder, the server under test, map helpers.
export { CHROMIUM };
/** The browser suites' `describe`: skipped, with the reason printed and counted, where Chromium is not installed. */
export const describeInBrowser: ReturnType<typeof describeNeeding> = describeNeeding('chromium');
export const SHOTS = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));
export const STEP_TIMEOUT = 120_000;
export const DEMO_PASSWORD = 'atlas2026';

/** The part of the MapLibre map the web app exposes as window.__atlasMap that the tests use. */
export interface RenderedFeature { id?: string | number; layer: { id: string }; geometry: unknown; properties: Record<string, unknown> }
export interface AtlasMapLike {
  getLayer(id: string): unknown;
  getLayoutProperty(id: string, name: string): unknown;
  getSource(id: string): unknown;
  getCanvas(): HTMLCanvasElement;
  queryRenderedFeatures(geometryOrOptions?: unknown, options?: unknown): RenderedFeature[];
  querySourceFeatures(source: string, options?: { sourceLayer?: string }): RenderedFeature[];
  project(lngLat: [number, number] | number[]): { x: number; y: number };
  loaded(): boolean;
  isMoving(): boolean;
  once(event: string, listener: () => void): unknown;
  triggerRepaint(): void;
  getZoom(): number;
  jumpTo(options: { zoom?: number; center?: [number, number] }): unknown;
}
declare global {
  interface Window { __atlasMap?: AtlasMapLike }
}

/** The app under test: ATLAS_E2E_URL (e.g. a `vite` dev server), or the real server started here on the test database. */
export async function startServer(env: Record<string, string> = {}): Promise<{ url: string; stop: () => Promise<void> }> {
  const external = process.env.ATLAS_E2E_URL;
  if (external && Object.keys(env).length === 0) return { url: external.replace(/\/$/, ''), stop: async () => {} };
  return (await import('../support/server')).startAtlasServer(env);
}

/** Debian's Chromium, headless, with software WebGL for MapLibre. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium) or set ATLAS_CHROMIUM`);
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** What a browser suite runs against: the server under test, Chromium, and one page whose errors are collected. */
export interface BrowserSession { server: { url: string; stop: () => Promise<void> }; browser: Browser; page: Page }

/**
 * Starts the server under test and Chromium with one page (Chinese locale) of the given size, pushing the page's
 * uncaught errors, and console lines matching `consoleErrors`, into `pageErrors`. For a suite's beforeAll.
 */
export async function openBrowserSession(viewport: { width: number; height: number }, pageErrors: string[] = [], consoleErrors?: RegExp): Promise<BrowserSession> {
  const server = await startServer();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport, locale: 'zh-CN' });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  if (consoleErrors) page.on('console', (m) => { if (consoleErrors.test(m.text())) pageErrors.push(m.text()); });
  return { server, browser, page };
}

/** Closes what openBrowserSession opened (either part may be missing when the set-up failed). For a suite's afterAll. */
export async function closeBrowserSession(session: Partial<BrowserSession>): Promise<void> {
  await session.browser?.close();
  await session.server?.stop();
}

export const renderedCount = (page: Page, layer: string) =>
  page.evaluate((id) => window.__atlasMap!.queryRenderedFeatures({ layers: [id] }).length, layer);

/** Resolves once the map has drawn everything it has loaded. */
export const waitForIdle = (page: Page) =>
  page.evaluate(() => new Promise<void>((resolve) => {
    const map = window.__atlasMap!;
    if (map.loaded() && !map.isMoving()) resolve();
    else map.once('idle', () => resolve());
    map.triggerRepaint();
  }));

/** Signs in through the sign-in form and waits for the map page. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('viewer-name').waitFor();
}

/** A GraphQL call over HTTP, as an integrator would make it. */
export async function graphql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

/** A session token for a demo account. */
export async function tokenFor(url: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await graphql<{ signIn: { token: string } }>(url, 'mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }', { u: username, p: password });
  if (!r.data) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(r.errors)}`);
  return r.data.signIn.token;
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2 A/AA rules), one line each. */
export async function axeProblems(page: Page): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`);
}

/** A point on the screen with the park drawn there. */
export interface ScreenPoint { x: number; y: number; id: string; name: string }

/**
 * A pixel inside a rendered park where the park itself is the topmost clickable feature: parcels and points cover parks,
 * and cluster circles (point tiles below zoom 16) take a click too, to zoom in.
 */
export async function findParkPixel(page: Page): Promise<ScreenPoint | null> {
  return page.evaluate((parksLayer) => {
    const map = window.__atlasMap!;
    const clickable = ['projects-cluster', 'enterprises-cluster', 'factory-buildings-cluster', 'projects-circle', 'enterprises-circle', 'factory-buildings-circle', 'parcels-fill', 'parks-fill', 'regions-fill']
      .filter((id) => map.getLayer(id));
    const positions = (c: unknown, out: number[][] = []): number[][] => {
      if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as number[]);
      else if (Array.isArray(c)) c.forEach((x) => positions(x, out));
      return out;
    };
    const rect = map.getCanvas().getBoundingClientRect();
    for (const park of map.queryRenderedFeatures({ layers: [parksLayer] })) {
      const pts = positions((park.geometry as { coordinates: unknown }).coordinates);
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      const [x0, y0, x1, y1] = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
      // The centroid first (as a person would aim), then a grid over the park when a parcel or a point covers it.
      const candidates: [number, number][] = [[(x0 + x1) / 2, (y0 + y1) / 2]];
      for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) candidates.push([x0 + ((x1 - x0) * i) / 12, y0 + ((y1 - y0) * j) / 12]);
      for (const lngLat of candidates) {
        const p = map.project(lngLat);
        if (p.x < 5 || p.y < 5 || p.x > rect.width - 5 || p.y > rect.height - 5) continue;
        const [top] = map.queryRenderedFeatures([p.x, p.y], { layers: clickable });
        if (top?.layer.id === parksLayer) {
          return { x: rect.left + p.x, y: rect.top + p.y, id: String(top.id ?? top.properties.id), name: String(top.properties.name) };
        }
      }
    }
    return null;
  }, 'parks-fill');
}
