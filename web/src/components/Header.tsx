import type { ReactNode } from 'react';
import type { Header_ViewerFragment } from '../graphql/generated/graphql';
import { pages, useRoute, hrefFor } from '../app/routes';
import { useT } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

interface Props {
  viewer: Header_ViewerFragment;
  demo: boolean;
  onSignOut: () => void;
  /** Buttons for what the viewer may do (e.g. 新建项目), before the language switch. */
  actions?: ReactNode;
}

export function Header({ viewer, demo, onSignOut, actions }: Props) {
  const t = useT();
  return (
    <header className="app-header" data-testid="app-header">
      <div className="brand">
        <span className="brand-zh">招商图谱</span>
        <span className="brand-en">Invest Atlas</span>
        {demo && <span className="badge" data-testid="demo-badge">{t('header.demo')}</span>}
      </div>
      <HeaderNav viewer={viewer} />
      <div className="header-right">
        {actions}
        <LanguageSwitch />
        <span className="viewer" data-testid="viewer" title={`${t('header.signedInAs')} ${viewer.username}`}>
          <strong data-testid="viewer-name">{viewer.displayName}</strong>
          <span className="role" data-testid="viewer-role">{t.enum('role', viewer.role)}</span>
        </span>
        <button type="button" className="btn secondary" onClick={onSignOut} data-testid="sign-out">
          {t('header.signOut')}
        </button>
      </div>
    </header>
  );
}

/** Links to the app's pages (from the page registry) that this viewer is meant to see. */
function HeaderNav({ viewer }: { viewer: Header_ViewerFragment }) {
  const t = useT();
  const { page: current } = useRoute();
  const listed = pages.filter((p) => !p.listed || p.listed(viewer as Parameters<NonNullable<typeof p.listed>>[0]));
  if (listed.length < 2) return null;
  return (
    <nav className="header-nav" aria-label={t('nav.label')} data-testid="header-nav">
      {listed.map((p) => (
        <a key={p.path} href={hrefFor(p.path)} aria-current={p === current ? 'page' : undefined} data-testid={`nav-${p.path}`}>
          {t(p.titleKey)}
        </a>
      ))}
    </nav>
  );
}
