import { CombinedGraphQLErrors } from '@apollo/client';
import type { Translator } from '../i18n';
import type { MessageKey } from '../i18n/zh';

/**
 * An error as the person should read it, in the UI language: known `extensions.code`s and transport failures are
 * translated; a user-actionable server message (which says what to fix) follows the translated lead.
 */
export function uiErrorMessage(t: Translator, error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'UNKNOWN';
    const key = `uiError.${code}` as MessageKey;
    const lead = t(key);
    const known = lead !== key;
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'INTERNAL_SERVER_ERROR') return known ? lead : t('uiError.UNKNOWN');
    return `${known ? lead : t('uiError.UNKNOWN')}：${first?.message ?? ''}`;
  }
  // Network and parse failures: never the raw transport text.
  return t('uiError.network');
}
