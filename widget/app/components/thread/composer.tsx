import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { fill } from '../../../../shared/i18n/fill.ts';
import { Failure, waitOf } from '../failure.tsx';
import { useLocale } from '../locale-context.ts';
import { useOnClickStyles } from './on-click-styles.ts';

interface Props {
  /** Resolves when the server took the text; a rejection keeps the text for another try. */
  onSubmit: (text: string) => Promise<void>;
  max: number;
  initial?: string;
  submitLabel?: string;
  onCancel?: () => void;
  autoFocus?: boolean;
}

/** The counter appears when this share of the limit is used. */
const COUNTER_FROM = 0.8;

export function Composer({ onSubmit, max, initial = '', submitLabel, onCancel, autoFocus }: Props) {
  const { t } = useLocale();
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useOnClickStyles(field);

  // In the commit that shows the field: when it takes over from the stand-in, a keystroke that
  // came a frame later would find the focus nowhere and be lost.
  useLayoutEffect(() => {
    if (!autoFocus || !field.current) return;
    field.current.focus();
    field.current.setSelectionRange(initial.length, initial.length);
  }, [autoFocus, initial]);

  const length = [...text.trim()].length;
  const left = max - length;
  // While the server's pause runs the button waits with it; at zero Failure clears the error.
  const canSend = length > 0 && left >= 0 && !busy && waitOf(error) === undefined;

  async function submit() {
    if (!canSend) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(text);
      setText('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label for={id} class="visually-hidden">
        {t.comments.label}
      </label>
      <textarea
        id={id}
        ref={field}
        rows={3}
        placeholder={t.comments.label}
        value={text}
        aria-describedby={`${id}-hint`}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void submit();
          }
          if (event.key === 'Escape' && onCancel) onCancel();
        }}
      />
      <div class="composer-footer">
        <span id={`${id}-hint`} class={left < 0 ? 'counter over' : 'counter'} aria-live="polite">
          {length >= max * COUNTER_FROM ? fill(t.comments.charsLeft, { n: left }) : t.comments.sendHint}
        </span>
        {onCancel && (
          <button type="button" class="button secondary" onClick={onCancel}>
            {t.comments.cancel}
          </button>
        )}
        <button type="submit" class="button" disabled={!canSend} aria-busy={busy}>
          {submitLabel ?? t.comments.send}
        </button>
      </div>
      {error !== null && <Failure error={error} onDone={() => setError(null)} />}
    </form>
  );
}
