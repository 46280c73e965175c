/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
/**
 * The account menu, a lazily loaded chunk of its own (scripts/bundle-size.ts ACCOUNT_MENU_CHUNK):
 * nothing on the reading path imports this file except through import(). A signed-in reader
 * downloads their data (GET account/export, saved as pikir-account.json) or erases the account:
 * a warning, a code sent to the account's own phone or email, the code, and it is gone. An
 * account with an email also turns the emails about replies on or off here.
 */
// `h` as a type too: TypeScript reads the JSX namespace (h.JSX) off the factory's name.
// biome-ignore lint/correctness/noUnusedImports: the JSX below compiles to h (the classic runtime)
import type { h, Fragment as PreactFragment, h as preactH } from 'preact';
import type { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Channel } from '../../../../shared/api.ts';
import type { fill as fillText } from '../../../../shared/i18n/fill.ts';
import { privacyDictionaries } from '../../../../shared/i18n/privacy/dictionaries.ts';
import type { WidgetApi } from '../../api.ts';
import type { failureText as failureTextOf, Locale } from '../../i18n.ts';
import type { SessionStore } from '../../state/session.ts';
import type { adoptStyles as adopt } from '../../styles.ts';
import css from './account-menu.css?inline';

/**
 * What the menu uses of the reading path, handed over by the account area rather than imported:
 * a third lazy chunk importing Preact or the widget's own modules makes the bundler split the
 * reading path into two files (0.6 KB more gzip for every reader). So this module imports only
 * types, its own texts and styles, and JSX compiles to the `h` it is given.
 */
export interface MenuKit {
  h: typeof preactH;
  Fragment: typeof PreactFragment;
  hooks: {
    useEffect: typeof useEffect;
    useLayoutEffect: typeof useLayoutEffect;
    useRef: typeof useRef;
    useState: typeof useState;
  };
  locale: Locale;
  failureText: typeof failureTextOf;
  adoptStyles: typeof adopt;
  fill: typeof fillText;
}

export interface AccountMenuProps {
  kit: MenuKit;
  api: WidgetApi;
  session: SessionStore;
  onClose(): void;
}

type Step = { name: 'menu' } | { name: 'confirm' } | { name: 'code'; channel: Channel } | { name: 'done' };

export function AccountMenu({ kit, api, session, onClose }: AccountMenuProps) {
  // biome-ignore lint/correctness/noUnusedVariables: the JSX below compiles to h and Fragment
  const { h, Fragment, locale, failureText, adoptStyles, fill } = kit;
  const { useEffect, useLayoutEffect, useRef, useState } = kit.hooks;
  const p = privacyDictionaries[locale.lang];
  const [step, setStep] = useState<Step>({ name: 'menu' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const [code, setCode] = useState('');
  // Seconds until a new code may be asked for, read off a deadline (a throttled tab stays right).
  // Not state/countdown.ts: sharing it with the auth chunk would split the reading path in two.
  const [deadline, setDeadline] = useState(0);
  const [left, setLeft] = useState(0);
  // Reply emails: on, off, or null for an account without an email (phone only: never SMS).
  const [emails, setEmails] = useState<boolean | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useLayoutEffect(() => {
    const root = box.current?.getRootNode();
    if (root instanceof ShadowRoot || root instanceof Document) return adoptStyles(root, css);
  }, []);
  useEffect(() => {
    const tick = () => setLeft(Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  useEffect(() => {
    api.call('GET /api/sites/:site/notifications/summary', { query: { lang: locale.lang } }).then(
      (summary) => setEmails(summary.email),
      () => {},
    );
  }, []);
  // Each step starts with its heading read out and focused, in the commit that shows it.
  useLayoutEffect(() => heading.current?.focus(), [step.name]);

  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await work();
    } catch (failure) {
      setError(failureText(locale, failure));
    } finally {
      setBusy(false);
    }
  };

  const download = () =>
    run(async () => {
      const data = await api.call('GET /api/sites/:site/account/export');
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
      );
      const link = document.createElement('a');
      link.href = url;
      link.download = 'pikir-account.json';
      box.current?.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setNote(p.downloaded);
    });

  const switchEmails = (on: boolean) =>
    run(async () => {
      const summary = await api.call('PUT /api/sites/:site/account/notifications', { body: { email: on } });
      setEmails(summary.email);
      setNote(summary.email ? p.emailOn : p.emailOff);
    });

  const sendCode = () =>
    run(async () => {
      const sent = await api.call('POST /api/sites/:site/account/delete', { body: { lang: locale.lang } });
      setDeadline(Date.now() + sent.resendAfter * 1000);
      setStep({ name: 'code', channel: sent.channel });
    });

  const confirm = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      await api.call('POST /api/sites/:site/account/delete/confirm', { body: { code: code.trim() } });
      setStep({ name: 'done' });
    });
  };

  const close = (
    <button type="button" class="link" onClick={onClose}>
      {p.close}
    </button>
  );
  const errorLine = error && (
    <p class="error" role="alert">
      {error}
    </p>
  );

  return (
    <div class="account-menu" ref={box} aria-busy={busy}>
      {step.name === 'done' ? (
        <>
          <h3 ref={heading} tabIndex={-1}>
            {p.deleted}
          </h3>
          <div class="actions">
            {/* The server ended every session: signing out here only forgets the token. */}
            <button type="button" class="button" onClick={() => session.signOut()}>
              {p.close}
            </button>
          </div>
        </>
      ) : step.name === 'menu' ? (
        <>
          <h3 ref={heading} tabIndex={-1}>
            {p.title}
          </h3>
          {emails !== null && (
            <label class="switch">
              <input
                type="checkbox"
                checked={emails}
                disabled={busy}
                onChange={(event) => switchEmails(event.currentTarget.checked)}
              />
              {p.emailReplies}
            </label>
          )}
          <p>{p.downloadHint}</p>
          <div class="actions">
            <button type="button" class="button secondary" onClick={download} disabled={busy}>
              {p.download}
            </button>
            <button type="button" class="button danger" onClick={() => setStep({ name: 'confirm' })}>
              {p.delete}
            </button>
            {close}
          </div>
          {note && <p role="status">{note}</p>}
          {errorLine}
        </>
      ) : step.name === 'confirm' ? (
        <>
          <h3 ref={heading} tabIndex={-1}>
            {p.deleteTitle}
          </h3>
          <p>{p.deleteText}</p>
          <div class="actions">
            <button type="button" class="button danger" onClick={sendCode} disabled={busy}>
              {busy ? p.busy : p.sendCode}
            </button>
            <button type="button" class="link" onClick={() => setStep({ name: 'menu' })}>
              {p.cancel}
            </button>
          </div>
          {errorLine}
        </>
      ) : (
        <form onSubmit={confirm}>
          <h3 ref={heading} tabIndex={-1}>
            {p.deleteTitle}
          </h3>
          <p>{step.channel === 'phone' ? p.codeSentPhone : p.codeSentEmail}</p>
          <label>
            {p.code}
            <input
              value={code}
              onInput={(event) => setCode(event.currentTarget.value)}
              inputMode="numeric"
              autocomplete="one-time-code"
              maxLength={6}
              required
            />
          </label>
          {errorLine}
          <div class="actions">
            <button type="submit" class="button danger" disabled={busy}>
              {busy ? p.busy : p.confirm}
            </button>
            <button type="button" class="link" onClick={sendCode} disabled={busy || left > 0}>
              {left > 0 ? fill(p.resendIn, { n: left }) : p.resend}
            </button>
            <button type="button" class="link" onClick={onClose}>
              {p.cancel}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
