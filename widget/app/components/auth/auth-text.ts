import type { AuthDictionary } from '../../../../shared/i18n/auth/en.ts';
import { secondsText } from '../../../../shared/i18n/auth/seconds.ts';
import type { Language } from '../../../../shared/i18n/languages.ts';
import { errorText } from '../../../ui/error-text.ts';
import type { FlowError } from '../../state/auth-flow.ts';
import { useLocale } from '../locale-context.ts';

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

/** Each language's texts are a chunk of their own: a reader downloads only their language's. */
const sources: Record<Language, () => Promise<AuthDictionary>> = {
  ru: () => import('../../../../shared/i18n/auth/ru.ts').then((m) => m.authRu),
  kk: () => import('../../../../shared/i18n/auth/kk.ts').then((m) => m.authKk),
  en: () => import('../../../../shared/i18n/auth/en.ts').then((m) => m.authEn),
};
const loaded: Partial<Record<Language, AuthDictionary>> = {};

/** Loads the flows' texts in `lang`; the panel is opened only after this. */
export async function loadAuthTexts(lang: Language): Promise<void> {
  loaded[lang] ??= await sources[lang]();
}

export function useAuthText(): AuthText {
  const { lang, t } = useLocale();
  const a = loaded[lang];
  if (!a) throw new Error(`the auth texts in ${lang} are not loaded (loadAuthTexts)`);
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
