import { useLang, useT } from '../i18n';

/** 中文 / EN toggle, available on every screen. */
export function LanguageSwitch() {
  const t = useT();
  const [lang, setLang] = useLang();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')} data-testid="lang-switch">
      <button type="button" aria-pressed={lang === 'zh'} className={lang === 'zh' ? 'active' : ''} onClick={() => setLang('zh')} data-testid="lang-zh">
        {t('lang.zh')}
      </button>
      <button type="button" aria-pressed={lang === 'en'} className={lang === 'en' ? 'active' : ''} onClick={() => setLang('en')} data-testid="lang-en">
        {t('lang.en')}
      </button>
    </div>
  );
}
