/**
 * The account menu, a lazily loaded chunk of its own (scripts/bundle-size.ts ACCOUNT_MENU_CHUNK):
 * nothing on the reading path imports this file except through import(). A signed-in reader
 * downloads their data (GET account/export, saved as pikir-account.json) or erases the account:
 * a warning, a code sent to the account's own phone or email, the code, and it is gone.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Channel } from '../../../../shared/api.ts';
import { fill } from '../../../../shared/i18n/fill.ts';
import { privacyDictionaries } from '../../../../shared/i18n/privacy/dictionaries.ts';
import type { WidgetApi } from '../../api.ts';
import { failureText, useLocale } from '../../i18n.ts';
import { createCountdown } from '../../state/countdown.ts';
import { adoptStyles } from '../../styles.ts';
import css from './account-menu.css?inline';

export interface AccountMenuProps {
  api: WidgetApi;
  onClose(): void;
  /** The account is erased: the widget signs out and says so. */
  onDeleted(): void;
}

type Step = { name: 'menu' } | { name: 'confirm' } | { name: 'code'; channel: Channel };

export function AccountMenu({ api, onClose, onDeleted }: AccountMenuProps) {
  const locale = useLocale();
  const p = privacyDictionaries[locale.lang];
  const [step, setStep] = useState<Step>({ name: 'menu' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const [code, setCode] = useState('');
  const [countdown] = useState(createCountdown);
  const box = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useLayoutEffect(() => {
    const root = box.current?.getRootNode();
    if (root instanceof ShadowRoot || root instanceof Document) return adoptStyles(root, css);
  }, []);
  useEffect(() => countdown.stop, [countdown]);
  // Each step starts with its heading read out and focused.
  useEffect(() => heading.current?.focus(), [step.name]);

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

  const sendCode = () =>
    run(async () => {
      const sent = await api.call('POST /api/sites/:site/account/delete', { body: { lang: locale.lang } });
      countdown.start(sent.resendAfter);
      setStep({ name: 'code', channel: sent.channel });
    });

  const confirm = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      await api.call('POST /api/sites/:site/account/delete/confirm', { body: { code: code.trim() } });
      onDeleted();
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
      {step.name === 'menu' ? (
        <>
          <h3 ref={heading} tabIndex={-1}>
            {p.title}
          </h3>
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
            <button type="button" class="link" onClick={sendCode} disabled={busy || countdown.left.value > 0}>
              {countdown.left.value > 0 ? fill(p.resendIn, { n: countdown.left.value }) : p.resend}
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

/** Said where the signed-in bar was, once the account is gone. */
export function Farewell() {
  const { lang } = useLocale();
  return (
    <p class="notice" role="status">
      {privacyDictionaries[lang].deleted}
    </p>
  );
}
