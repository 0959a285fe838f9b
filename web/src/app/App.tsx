import { useT } from '../i18n';
import { errorMessage } from './apolloClient';
import { useAuth } from './auth';
import { Suspense, useEffect } from 'react';
import { useRoute } from './routes';
import { SignInPage } from './SignInPage';

/** Routes by session state: sign-in page, or the page the address names for a signed-in person. */
export function App() {
  const t = useT();
  const auth = useAuth();
  if (auth.status === 'checking') return <div className="splash" data-testid="auth-checking">{t('signIn.checking')}</div>;
  if (auth.status === 'error') {
    return (
      <div className="splash" role="alert">
        <p>{t('panel.error', { message: errorMessage(auth.error) })}</p>
        <button type="button" className="btn primary" onClick={auth.retry}>{t('common.retry')}</button>{' '}
        <button type="button" className="btn secondary" onClick={auth.signOut}>{t('header.signOut')}</button>
      </div>
    );
  }
  if (auth.status === 'signed-in' && auth.user) {
    return (
      <Suspense fallback={<div className="splash" data-testid="page-loading">{t('map.loading')}</div>}>
        <SignedIn viewer={auth.user} onSignOut={auth.signOut} />
      </Suspense>
    );
  }
  return <SignInPage />;
}

function SignedIn({ viewer, onSignOut }: { viewer: NonNullable<ReturnType<typeof useAuth>['user']>; onSignOut: () => void }) {
  const { page, params } = useRoute();
  // Chain leaders land on 我的链 when they open the app without an address of their own.
  const landOnWorkspace = viewer.role === 'CHAIN_LEADER' && window.location.hash.replace(/^#\/?/, '') === '';
  useEffect(() => {
    if (landOnWorkspace) window.location.replace('#/workspace');
  }, [landOnWorkspace]);
  if (landOnWorkspace) return null;
  const Page = page.component;
  return <Page viewer={viewer} onSignOut={onSignOut} params={params} />;
}
