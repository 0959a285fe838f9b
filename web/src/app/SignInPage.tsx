import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SignInPageQueryDocument } from '../graphql/generated/graphql';
import { useSignInMutation } from '../hooks/useSignInMutation';
import { useT } from '../i18n';
import { errorMessage } from './apolloClient';

export function SignInPage() {
  const t = useT();
  const demo = useQuery(SignInPageQueryDocument);
  const [signIn, { loading }] = useSignInMutation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t('signIn.required'));
      return;
    }
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const accounts = demo.data?.demoAccounts ?? [];
  return (
    <main className="sign-in-page">
      <div className="sign-in-lang"><LanguageSwitch /></div>
      <section className="sign-in-card">
        <h1 className="product" data-testid="product-name">
          <span className="brand-zh">招商图谱</span>
          <span className="brand-en">Invest Atlas</span>
        </h1>
        <p className="tagline">{t('app.tagline')}</p>
        <form onSubmit={submit} data-testid="sign-in-form" noValidate>
          <h2>{t('signIn.title')}</h2>
          <label>
            {t('signIn.username')}
            <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} data-testid="sign-in-username" />
          </label>
          <label>
            {t('signIn.password')}
            <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="sign-in-password" />
          </label>
          {error && <p className="error" role="alert" data-testid="sign-in-error">{error}</p>}
          <button type="submit" className="btn primary" disabled={loading} data-testid="sign-in-submit">
            {loading ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
        <section className="demo-accounts" data-testid="demo-accounts">
          <h3>{t('signIn.demoAccounts')}</h3>
          <p className="hint">{t('signIn.demoHint')}</p>
          {demo.loading && <p className="muted">{t('signIn.demoLoading')}</p>}
          {demo.error && (
            <p className="error" role="alert">
              {t('signIn.demoError', { message: errorMessage(demo.error) })}{' '}
              <button type="button" className="link" onClick={() => void demo.refetch()}>{t('common.retry')}</button>
            </p>
          )}
          {!demo.loading && !demo.error && accounts.length === 0 && <p className="muted">{t('signIn.demoNone')}</p>}
          <ul>
            {accounts.map((a) => (
              <li key={a.username}>
                <button
                  type="button"
                  className={`demo-account${a.username === username ? ' selected' : ''}`}
                  data-testid="demo-account"
                  data-username={a.username}
                  onClick={() => {
                    setUsername(a.username);
                    setPassword(a.password);
                    setError(null);
                  }}
                >
                  <span className="demo-name">{a.displayName}</span>
                  <span className="demo-role">{t.enum('role', a.role)}</span>
                  <code>{a.username}</code>
                </button>
              </li>
            ))}
          </ul>
        </section>
      </section>
    </main>
  );
}
