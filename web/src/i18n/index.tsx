import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { zh, type MessageKey } from './zh';

export type { MessageKey } from './zh';
export type Lang = 'zh' | 'en';
export type EnumPrefix =
  | 'role' | 'kind' | 'parkLevel' | 'parkKind' | 'landUse' | 'supply' | 'stage'
  | 'regionLevel' | 'fundKind' | 'infra' | 'tag' | 'quality' | 'unitKind' | 'segment';

const messages: Record<Lang, Record<MessageKey, string>> = { zh, en };
const STORAGE_KEY = 'atlas.lang';

/** The translation function plus number formatters in the current language. */
export interface Translator {
  (key: MessageKey, vars?: Record<string, string | number>): string;
  lang: Lang;
  /** Translates a GraphQL (UPPER_CASE) or database (lower_case) enum value; unknown values pass through. */
  enum(prefix: EnumPrefix, value: string | null | undefined): string;
  num(value: number | null | undefined, maxDigits?: number): string;
  wanYuan(value: number | null | undefined): string;
  wanUsd(value: number | null | undefined): string;
  mu(value: number | null | undefined): string;
  m2(value: number | null | undefined): string;
  pct(ratio: number | null | undefined): string;
}

function makeTranslator(lang: Lang): Translator {
  const table = messages[lang];
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  const dash = table['common.dash'];
  const t = ((key: MessageKey, vars?: Record<string, string | number>) => {
    const text = table[key] ?? key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  }) as Translator;
  const num = (value: number | null | undefined, maxDigits = 2) =>
    value == null || Number.isNaN(value) ? dash : new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits }).format(value);
  const withUnit = (unitKey: MessageKey, digits = 2) => (value: number | null | undefined) =>
    value == null || Number.isNaN(value) ? dash : `${num(value, digits)} ${table[unitKey]}`;
  t.lang = lang;
  t.enum = (prefix, value) => {
    if (!value) return dash;
    const key = `${prefix}.${value.toUpperCase()}` as MessageKey;
    return table[key] ?? value;
  };
  t.num = num;
  t.wanYuan = withUnit('unit.wanYuan');
  t.wanUsd = withUnit('unit.wanUsd');
  t.mu = withUnit('unit.mu');
  t.m2 = withUnit('unit.m2', 0);
  t.pct = (ratio) =>
    ratio == null || !Number.isFinite(ratio) ? dash : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
  return t;
}

interface LangState { lang: Lang; setLang: (lang: Lang) => void; t: Translator }
const LangContext = createContext<LangState | null>(null);

function initialLang(): Lang {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === 'en' || stored === 'zh' ? stored : 'zh';
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang, t: makeTranslator(lang) }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

function useLangState(): LangState {
  const state = useContext(LangContext);
  if (!state) throw new Error('LanguageProvider is missing');
  return state;
}

/** The current translator: `const t = useT(); t('signIn.title')`. */
export function useT(): Translator {
  return useLangState().t;
}

export function useLang(): [Lang, (lang: Lang) => void] {
  const { lang, setLang } = useLangState();
  return [lang, setLang];
}
