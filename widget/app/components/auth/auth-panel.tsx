/**
 * The lazily loaded auth chunk's entry: the panel that hosts one step at a time of signing in,
 * registering and changing a forgotten password. Nothing on the reading path imports this file
 * except through import().
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { WidgetApi } from '../../api.ts';
import { type AuthStart, createAuthFlow } from '../../state/auth-flow.ts';
import type { SessionStore } from '../../state/session.ts';
import { adoptStyles } from '../../styles.ts';
import { useLocale } from '../locale-context.ts';
import css from './auth.css?inline';
import { useAuthText } from './auth-text.ts';
import { CodeStep } from './code-step.tsx';
import { DoneStep } from './done-step.tsx';
import { NewPasswordForm } from './new-password-form.tsx';
import { RegisterForm } from './register-form.tsx';
import { ResetStartForm } from './reset-start-form.tsx';
import { SignInForm } from './sign-in-form.tsx';

export { loadPhoneMetadata } from '../../phone.ts';
export { loadAuthTexts } from './auth-text.ts';
export type { AuthStart };

export interface AuthPanelProps {
  start: AuthStart;
  api: WidgetApi;
  session: SessionStore;
  defaultCountry: string;
  onClose(): void;
}

export function AuthPanel({ start, api, session, defaultCountry, onClose }: AuthPanelProps) {
  const { lang } = useLocale();
  const { a } = useAuthText();
  const [flow] = useState(() => createAuthFlow({ api, session, lang, defaultCountry, start }));
  useEffect(() => flow.dispose, [flow]);
  const box = useRef<HTMLDivElement>(null);
  // Before the first paint, or the panel would flash unstyled.
  useLayoutEffect(() => {
    const root = box.current?.getRootNode();
    if (root instanceof ShadowRoot || root instanceof Document) return adoptStyles(root, css);
  }, []);

  // Esc closes the panel from any step, as it closes the report dialog; the account area puts
  // focus back on whatever opened it. Listened for from the commit that shows the panel, in which
  // the step's title takes the focus: an Esc pressed right after must find the listener there.
  const close = useRef(onClose);
  close.current = onClose;
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      close.current();
    };
    const element = box.current;
    element?.addEventListener('keydown', onKey);
    return () => element?.removeEventListener('keydown', onKey);
  }, []);

  const step = flow.step.value;
  return (
    <div class="auth" ref={box}>
      <button type="button" class="close" onClick={onClose} aria-label={a.close} title={a.close}>
        ×
      </button>
      {step === 'signIn' ? (
        <SignInForm flow={flow} />
      ) : step === 'register' ? (
        <RegisterForm flow={flow} />
      ) : step === 'resetStart' ? (
        <ResetStartForm flow={flow} />
      ) : step === 'code' ? (
        <CodeStep flow={flow} />
      ) : step === 'newPassword' ? (
        <NewPasswordForm flow={flow} />
      ) : (
        <DoneStep flow={flow} />
      )}
    </div>
  );
}
