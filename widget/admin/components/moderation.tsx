import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { BanDuration, QueueItem } from '../../../shared/api.ts';
import { fill } from '../../../shared/i18n/fill.ts';
import { errorText } from '../../ui/error-text.ts';
import { codeOf } from '../api.ts';
import { useLocale } from '../i18n.ts';
import type { Decision, QueueStore } from '../state/queue.ts';

/** shared/schemas.ts moderationActionSchema allows reasons of up to 500 characters. */
const REASON_MAX = 500;
const durations: BanDuration[] = ['1d', '7d', 'forever'];

type Step = 'idle' | 'delete' | 'ban' | 'banConfirm';
type Done = 'dismiss' | 'hide' | 'delete' | 'ban';

/**
 * The decisions on one item. Dismiss and hide act at once (both can be undone by another
 * decision); delete and ban ask first. A ban always goes with hiding or deleting the comment,
 * because the contract's action names what happens to the comment and the ban rides along.
 */
export function Moderation({ item, store }: { item: QueueItem; store: QueueStore }) {
  const { t, a } = useLocale();
  const [step, setStep] = useState<Step>('idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [logReason, setLogReason] = useState('');
  const [duration, setDuration] = useState<BanDuration>('1d');
  const [banAction, setBanAction] = useState<'delete' | 'hide'>('delete');
  const [banReason, setBanReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);

  const deleteButton = useRef<HTMLButtonElement>(null);
  const banButton = useRef<HTMLButtonElement>(null);
  const stepStart = useRef<HTMLElement | null>(null);
  const banReasonField = useRef<HTMLTextAreaElement>(null);
  const doneLine = useRef<HTMLParagraphElement>(null);
  const restore = useRef<'delete' | 'ban' | null>(null);

  const id = item.comment.id;
  const deleted = item.comment.status === 'deleted';
  const ids = {
    group: `pikir-admin-act-${id}`,
    logReason: `pikir-admin-log-${id}`,
    banReason: `pikir-admin-ban-reason-${id}`,
    banError: `pikir-admin-ban-error-${id}`,
    error: `pikir-admin-act-error-${id}`,
  };

  // A step that opens puts focus on its first control; a cancelled one, on the button that
  // opened it (rendered again only now, so the ref is read after the render).
  useLayoutEffect(() => {
    if (step !== 'idle') stepStart.current?.focus();
    else if (restore.current) (restore.current === 'delete' ? deleteButton : banButton).current?.focus();
    restore.current = null;
  }, [step]);

  useLayoutEffect(() => {
    if (done) doneLine.current?.focus();
  }, [done]);

  const open = (next: Step) => {
    setError(null);
    setDone(null);
    setReasonMissing(false);
    if (next === 'ban') setBanReason('');
    if (next === 'delete') setLogReason('');
    setStep(next);
  };

  const cancel = () => {
    restore.current = step === 'delete' ? 'delete' : 'ban';
    setError(null);
    setStep('idle');
  };

  const send = async (decision: Decision, what: Done) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await store.act(item, decision);
      setStep('idle');
      setDone(what);
    } catch (failure) {
      setError(codeOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const toConfirmBan = (event: Event) => {
    event.preventDefault();
    if (!banReason.trim()) {
      setReasonMissing(true);
      banReasonField.current?.focus();
      return;
    }
    setReasonMissing(false);
    setStep('banConfirm');
  };

  const reasonOrNothing = (text: string) => (text.trim() ? { reason: text.trim() } : {});

  return (
    <div class="moderation">
      {step === 'idle' && (
        <fieldset class="actions">
          <legend class="visually-hidden">{a.actions.label}</legend>
          <button
            type="button"
            class="button secondary"
            disabled={busy || deleted}
            onClick={() => void send({ action: 'dismiss' }, 'dismiss')}
          >
            {a.actions.dismiss}
          </button>
          <button
            type="button"
            class="button secondary"
            disabled={busy || deleted || item.comment.status === 'hidden'}
            onClick={() => void send({ action: 'hide' }, 'hide')}
          >
            {a.actions.hide}
          </button>
          <button
            ref={deleteButton}
            type="button"
            class="button danger"
            disabled={busy || deleted}
            onClick={() => open('delete')}
          >
            {a.actions.delete}
          </button>
          <button
            ref={banButton}
            type="button"
            class="button danger"
            disabled={busy}
            onClick={() => open('ban')}
          >
            {a.actions.ban}
          </button>
        </fieldset>
      )}

      {step === 'delete' && (
        <form
          class="step"
          onSubmit={(e) => {
            e.preventDefault();
            void send({ action: 'delete', ...reasonOrNothing(logReason) }, 'delete');
          }}
        >
          <fieldset>
            <legend class="question">{a.actions.deleteConfirm}</legend>
            <div class="field">
              <label for={ids.logReason}>{a.actions.logReason}</label>
              <textarea
                id={ids.logReason}
                ref={(el) => {
                  stepStart.current = el;
                }}
                rows={2}
                maxLength={REASON_MAX}
                value={logReason}
                onInput={(e) => setLogReason(e.currentTarget.value)}
              />
            </div>
            <div class="actions">
              <button type="submit" class="button danger" disabled={busy}>
                {busy ? a.busy : a.actions.deleteYes}
              </button>
              <button type="button" class="button secondary" onClick={cancel}>
                {a.cancel}
              </button>
            </div>
          </fieldset>
        </form>
      )}

      {step === 'ban' && (
        <form class="step" noValidate onSubmit={toConfirmBan}>
          <fieldset>
            <legend class="question">{fill(a.actions.banTitle, { name: item.author.name })}</legend>
            <fieldset class="choices">
              <legend>{a.actions.duration}</legend>
              {durations.map((d, i) => (
                <label key={d} class="choice">
                  <input
                    type="radio"
                    name={`duration-${id}`}
                    value={d}
                    checked={duration === d}
                    onChange={() => setDuration(d)}
                    ref={
                      i === 0
                        ? (el) => {
                            stepStart.current = el;
                          }
                        : undefined
                    }
                  />{' '}
                  {a.actions.durations[d]}
                </label>
              ))}
            </fieldset>
            <fieldset class="choices">
              <legend>{a.actions.banComment}</legend>
              {(['delete', 'hide'] as const).map((what) => (
                <label key={what} class="choice">
                  <input
                    type="radio"
                    name={`ban-action-${id}`}
                    value={what}
                    checked={banAction === what}
                    onChange={() => setBanAction(what)}
                  />{' '}
                  {what === 'delete' ? a.actions.banAndDelete : a.actions.banAndHide}
                </label>
              ))}
            </fieldset>
            <div class="field">
              <label for={ids.banReason}>{a.actions.banReason}</label>
              <textarea
                id={ids.banReason}
                ref={banReasonField}
                rows={3}
                required
                aria-required="true"
                maxLength={REASON_MAX}
                value={banReason}
                onInput={(e) => setBanReason(e.currentTarget.value)}
                aria-invalid={reasonMissing}
                aria-describedby={reasonMissing ? ids.banError : undefined}
              />
            </div>
            {reasonMissing && (
              <p id={ids.banError} class="error" role="alert">
                {a.actions.banReasonMissing}
              </p>
            )}
            <div class="actions">
              <button type="submit" class="button danger">
                {a.actions.banNext}
              </button>
              <button type="button" class="button secondary" onClick={cancel}>
                {a.cancel}
              </button>
            </div>
          </fieldset>
        </form>
      )}

      {step === 'banConfirm' && (
        <fieldset class="step">
          <legend class="question">
            {fill(a.actions.banConfirm, {
              name: item.author.name,
              duration: a.actions.durationPhrases[duration],
            })}{' '}
            {banAction === 'delete' ? a.actions.banWillDelete : a.actions.banWillHide}
          </legend>
          <div class="actions">
            <button
              type="button"
              class="button danger"
              disabled={busy}
              ref={(el) => {
                stepStart.current = el;
              }}
              onClick={() =>
                void send(
                  {
                    action: banAction,
                    reason: banReason.trim(),
                    ban: { duration, reason: banReason.trim() },
                  },
                  'ban',
                )
              }
            >
              {busy ? a.busy : a.actions.banYes}
            </button>
            <button type="button" class="button secondary" onClick={cancel}>
              {a.cancel}
            </button>
          </div>
        </fieldset>
      )}

      {error && (
        <p id={ids.error} class="error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {done && (
        <p class="done" role="status" tabIndex={-1} ref={doneLine}>
          {a.actions.done[done]}
        </p>
      )}
    </div>
  );
}
