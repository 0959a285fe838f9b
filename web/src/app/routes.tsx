import { lazy, useEffect, useState, useSyncExternalStore, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n';
import type { Viewer } from './auth';

/** What every page gets: who is signed in, how to sign out, and the route parameters after its path. */
export interface PageProps {
  viewer: Viewer;
  onSignOut: () => void;
  /** Path segments after the page's own, e.g. `#/chains/3` gives the chains page ['3']. */
  params: string[];
}

/** One top-level page: addressed by `#/<path>`, named in the header's navigation, loaded lazily. */
export interface PageSpec {
  path: string;
  titleKey: MessageKey;
  component: LazyExoticComponent<ComponentType<PageProps>>;
  /** Whether the page is listed in the header for this viewer (it can still be opened by its address). */
  listed?: (viewer: Viewer) => boolean;
}

/** Every page of the app, in header order; the first is the default. Add a page by adding a line here. */
export const pages: PageSpec[] = [
  { path: 'map', titleKey: 'nav.map', component: lazy(() => import('./MapPage').then((m) => ({ default: m.MapPage }))) },
  { path: 'assessment', titleKey: 'nav.assessment', component: lazy(() => import('../assessment/AssessmentPage').then((m) => ({ default: m.AssessmentPage }))), listed: (v) => ['ADMIN', 'BUREAU', 'DISTRICT'].includes(v.role) },
  { path: 'projects', titleKey: 'nav.projects', component: lazy(() => import('../assessment/ProjectsPage').then((m) => ({ default: m.ProjectsPage }))), listed: (v) => ['ADMIN', 'BUREAU', 'DISTRICT'].includes(v.role) },
  { path: 'assessment-config', titleKey: 'nav.assessmentConfig', component: lazy(() => import('../assessment/AssessmentConfigPage').then((m) => ({ default: m.AssessmentConfigPage }))), listed: (v) => v.role === 'ADMIN' },
  { path: 'ledger', titleKey: 'nav.ledger', component: lazy(() => import('../assessment/LedgerPage').then((m) => ({ default: m.LedgerPage }))), listed: (v) => ['ADMIN', 'BUREAU'].includes(v.role) },
  { path: 'workspace', titleKey: 'nav.workspace', component: lazy(() => import('./WorkspacePage').then((m) => ({ default: m.WorkspacePage }))), listed: (v) => ['CHAIN_LEADER', 'BUREAU', 'ADMIN'].includes(v.role) },
  { path: 'chains', titleKey: 'nav.chains', component: lazy(() => import('./ChainPage').then((m) => ({ default: m.ChainPage }))) },
  { path: 'import', titleKey: 'import.nav', component: lazy(() => import('./ImportPage').then((m) => ({ default: m.ImportPage }))), listed: (v) => v.role === 'PLANNER' || v.role === 'ADMIN' },
];

export interface Route { page: PageSpec; params: string[] }

/** Parses `#/chains/3` into the chains page with params ['3']; unknown or empty hashes give the default page. */
export function parseRoute(hash: string): Route {
  const [path = '', ...params] = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const page = pages.find((p) => p.path === path) ?? pages[0];
  return { page, params: page.path === path ? params : [] };
}

/** The address of a page: `hrefFor('chains', '3')` → `#/chains/3`. */
export function hrefFor(path: string, ...params: (string | number)[]): string {
  return `#/${[path, ...params.map((p) => encodeURIComponent(String(p)))].join('/')}`;
}

export function navigate(path: string, ...params: (string | number)[]): void {
  window.location.hash = hrefFor(path, ...params);
}

const subscribe = (notify: () => void) => {
  window.addEventListener('hashchange', notify);
  return () => window.removeEventListener('hashchange', notify);
};

/** The current route, following the address bar's hash. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const [route, setRoute] = useState(() => parseRoute(hash));
  useEffect(() => setRoute(parseRoute(hash)), [hash]);
  return route;
}
