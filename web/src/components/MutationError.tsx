import { errorCode, errorMessage } from '../app/apolloClient';
import { useT, type MessageKey } from '../i18n';

// A short explanation for the codes a person can act on; the server's own message follows it.
const HINTS: Record<string, MessageKey> = {
  FORBIDDEN: 'errorCode.FORBIDDEN',
  UNAUTHENTICATED: 'errorCode.UNAUTHENTICATED',
  NOT_FOUND: 'errorCode.NOT_FOUND',
  INVALID_ARGUMENT: 'errorCode.INVALID_ARGUMENT',
  INVALID_AMOUNT: 'errorCode.INVALID_AMOUNT',
  INVALID_DATE: 'errorCode.INVALID_DATE',
  INVALID_GEOMETRY: 'errorCode.INVALID_GEOMETRY',
  ILLEGAL_STAGE_MOVE: 'errorCode.ILLEGAL_STAGE_MOVE',
  STAGE_DATE_OUT_OF_ORDER: 'errorCode.STAGE_DATE_OUT_OF_ORDER',
  CONFLICT: 'errorCode.CONFLICT',
  ILLEGAL_STATUS_MOVE: 'error.illegalStatusMove',
};

/** A form's error: a client-side check (a string) or a failed mutation, shown with the server's message and code. */
export function MutationError({ error, testId = 'form-error' }: { error: unknown; testId?: string }) {
  const t = useT();
  if (error == null || error === '') return null;
  if (typeof error === 'string') {
    return <p className="error form-error" role="alert" data-testid={testId}>{error}</p>;
  }
  const code = errorCode(error);
  const hint = code ? HINTS[code] : undefined;
  return (
    <p className="error form-error" role="alert" data-testid={testId} data-code={code}>
      {hint && <strong>{t(hint)}</strong>}
      {hint && ' '}
      <span data-testid={`${testId}-message`}>{errorMessage(error)}</span>
      {code && <code className="error-code">{code}</code>}
    </p>
  );
}
