import { authDictionaries } from '../../../../shared/i18n/auth/dictionaries.ts';
import type { AuthDictionary } from '../../../../shared/i18n/auth/en.ts';
import { secondsText } from '../../../../shared/i18n/auth/seconds.ts';
import { errorText } from '../../../ui/error-text.ts';
import { useLocale } from '../../i18n.ts';
import type { FlowError } from '../../state/auth-flow.ts';

export interface AuthText {
  /** The auth flows' texts in the reader's language. */
  a: AuthDictionary;
  /** "59 секунд" in the reader's language. */
  seconds(count: number): string;
  /** The reader's message for a flow error (the seconds to wait count down in FormError). */
  errorMessage(error: FlowError): string;
  /** "До следующей попытки: 7 секунд." */
  retryText(left: number): string;
}

export function useAuthText(): AuthText {
  const { lang, t } = useLocale();
  const a = authDictionaries[lang];
  const seconds = (count: number) => secondsText(a, lang, count);
  const own: Record<string, string> = {
    password_rule: a.password.rule,
    password_missing: a.signIn.passwordMissing,
    code_format: a.code.format,
    challenge_failed: a.challenge.failed,
  };
  const errorMessage = (error: FlowError) => own[error.code] ?? errorText(t, error.code);
  const retryText = (left: number) => a.retryIn.replace('{time}', seconds(left));
  return { a, seconds, errorMessage, retryText };
}
