import { CombinedGraphQLErrors } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import type { Translator } from '../i18n';
import { uiErrorMessage } from './uiError';

const table: Record<string, string> = { 'uiError.FORBIDDEN': '无权限', 'uiError.INVALID_DATE': '日期不对', 'uiError.UNKNOWN': '出错了', 'uiError.network': '网络不通' };
const t = ((k: string) => table[k] ?? k) as unknown as Translator;
const gqlError = (code: string | undefined, message: string) => new CombinedGraphQLErrors({ errors: [{ message, extensions: code ? { code } : {} }] });

describe('uiErrorMessage', () => {
  it('leads with the translated code and keeps the server message that says what to fix', () => {
    expect(uiErrorMessage(t, gqlError('INVALID_DATE', 'leadOn 2099-01-01 is in the future'))).toBe('日期不对：leadOn 2099-01-01 is in the future');
  });
  it('never shows the server text for refusals and internal errors', () => {
    expect(uiErrorMessage(t, gqlError('FORBIDDEN', 'role planner may not …'))).toBe('无权限');
    expect(uiErrorMessage(t, gqlError('INTERNAL_SERVER_ERROR', 'stack…'))).toBe('出错了');
  });
  it('falls back to a generic lead for unknown or missing codes, and hides transport failures', () => {
    expect(uiErrorMessage(t, gqlError('SOMETHING_NEW', 'x'))).toBe('出错了：x');
    expect(uiErrorMessage(t, gqlError(undefined, 'y'))).toBe('出错了：y');
    expect(uiErrorMessage(t, new TypeError('Failed to fetch'))).toBe('网络不通');
  });
});
