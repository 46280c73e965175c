import { useRef, useState } from 'preact/hooks';
import { errorText } from '../../ui/error-text.ts';
import { useLocale } from '../i18n.ts';
import type { SessionStore } from '../state/session.ts';

const ERROR_ID = 'pikir-admin-signin-error';

/**
 * The panel's sign-in: the readers' accounts, in one field that takes a phone number or an email
 * (an address has an "@", a number never does), so a moderator never meets the wrong tab.
 */
export function SignIn({ session }: { session: SessionStore }) {
  const { t, a } = useLocale();
  const [contact, setContact] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<'contact' | 'password' | null>(null);
  const contactRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const serverError = session.error.value;
  const message = missing
    ? missing === 'contact'
      ? a.signIn.contactMissing
      : a.signIn.passwordMissing
    : serverError === 'no_sites'
      ? a.signIn.noSites
      : serverError === 'expired'
        ? a.signIn.expired
        : serverError
          ? errorText(t, serverError)
          : null;

  const submit = (event: Event) => {
    event.preventDefault();
    if (!contact.trim()) {
      setMissing('contact');
      contactRef.current?.focus();
      return;
    }
    if (!password) {
      setMissing('password');
      passwordRef.current?.focus();
      return;
    }
    setMissing(null);
    const channel = contact.includes('@') ? 'email' : 'phone';
    void session.signIn({ channel, contact: contact.trim(), password });
  };

  const invalidContact = missing === 'contact' || serverError === 'contact_invalid';
  const invalidPassword = missing === 'password' || serverError === 'invalid_credentials';

  return (
    <main class="signin" aria-labelledby="pikir-admin-signin-title">
      <h1 id="pikir-admin-signin-title">{a.signIn.title}</h1>
      <div class="card form">
        <form noValidate onSubmit={submit}>
          <div class="field">
            <label for="pikir-admin-contact">{a.signIn.contactField}</label>
            {/* type=text: type=email would refuse a phone number; the email keyboard has "@",
                "." and, one tap away, the digits of a number. */}
            <input
              ref={contactRef}
              id="pikir-admin-contact"
              name="username"
              type="text"
              inputMode="email"
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellcheck={false}
              value={contact}
              onInput={(e) => setContact(e.currentTarget.value)}
              aria-invalid={invalidContact}
              aria-describedby={invalidContact && message ? ERROR_ID : undefined}
            />
          </div>
          <div class="field">
            <label for="pikir-admin-password">{a.signIn.password}</label>
            <input
              ref={passwordRef}
              id="pikir-admin-password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              aria-invalid={invalidPassword}
              aria-describedby={invalidPassword && message ? ERROR_ID : undefined}
            />
          </div>
          {message && (
            <p id={ERROR_ID} class="error" role="alert">
              {message}
            </p>
          )}
          <button type="submit" class="button" disabled={session.busy.value}>
            {session.busy.value ? a.busy : a.signIn.submit}
          </button>
        </form>
      </div>
    </main>
  );
}
