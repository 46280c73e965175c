import { useRef, useState } from 'preact/hooks';
import type { Channel } from '../../../shared/api.ts';
import { ChannelTabs } from '../../ui/channel-tabs.tsx';
import { errorText } from '../../ui/error-text.ts';
import { useLocale } from '../i18n.ts';
import type { SessionStore } from '../state/session.ts';

const ERROR_ID = 'pikir-admin-signin-error';

/** The panel's sign-in: the same accounts and the same phone/email choice as the widget. */
export function SignIn({ session }: { session: SessionStore }) {
  const { t, a } = useLocale();
  const [channel, setChannel] = useState<Channel>('phone');
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

  const switchTo = (next: Channel) => {
    if (next === channel) return;
    setChannel(next);
    setContact('');
    setMissing(null);
  };

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
    void session.signIn({ channel, contact: contact.trim(), password });
  };

  const invalidContact = missing === 'contact' || serverError === 'contact_invalid';
  const invalidPassword = missing === 'password' || serverError === 'invalid_credentials';
  const contactField = channel === 'phone' ? a.signIn.phoneField : a.signIn.emailField;

  return (
    <main class="signin" aria-labelledby="pikir-admin-signin-title">
      <h1 id="pikir-admin-signin-title">{a.signIn.title}</h1>
      {/* A <form> may not take the tabpanel role, so the panel wraps it. */}
      <ChannelTabs
        idPrefix="pikir-admin-signin"
        texts={{ label: a.signIn.channels, phone: a.signIn.phone, email: a.signIn.email }}
        channel={channel}
        onChange={switchTo}
        tabClass="tab"
        panelClass="card form"
      >
        <form noValidate onSubmit={submit}>
          <div class="field">
            <label for="pikir-admin-contact">{contactField}</label>
            <input
              ref={contactRef}
              id="pikir-admin-contact"
              name="username"
              type={channel === 'phone' ? 'tel' : 'email'}
              inputMode={channel === 'phone' ? 'tel' : 'email'}
              autoComplete="username"
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
      </ChannelTabs>
    </main>
  );
}
