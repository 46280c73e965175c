import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { COMPLAINT_DETAILS_MAX } from '../../../../shared/limits.ts';
import { type ComplaintReason, complaintReasons } from '../../../../shared/vocabulary.ts';
import { Failure, waitOf } from '../failure.tsx';
import { useLocale } from '../locale-context.ts';
import { useOnClickStyles } from './on-click-styles.ts';

interface Props {
  onSend: (reason: ComplaintReason, details?: string) => Promise<'received' | 'already_reported'>;
  onClose: () => void;
}

/** "Выберите причину обращения": a reason from the fixed list, free text only with "other". */
export function ReportDialog({ onSend, onClose }: Props) {
  const { t } = useLocale();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useOnClickStyles(box);
  const [reason, setReason] = useState<ComplaintReason | null>(null);
  const [details, setDetails] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<'received' | 'already_reported' | null>(null);

  // In the commit that shows the dialog or its result (step-heading.tsx says why).
  useLayoutEffect(() => heading.current?.focus(), [result]);

  const ready =
    reason !== null &&
    (reason !== 'other' || details.trim().length > 0) &&
    !busy &&
    waitOf(error) === undefined;

  async function send() {
    if (!ready || !reason) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await onSend(reason, reason === 'other' ? details.trim() : undefined));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      class="dialog"
      ref={box}
      role="dialog"
      aria-labelledby={`${id}-title`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      {result ? (
        <>
          <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
            {result === 'received' ? t.report.sentTitle : t.report.already}
          </h3>
          {result === 'received' && <p>{t.report.sentText}</p>}
          <button type="button" class="button secondary" onClick={onClose}>
            {t.report.close}
          </button>
        </>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <fieldset>
            <legend>
              <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
                {t.report.title}
              </h3>
            </legend>
            {complaintReasons.map((value) => (
              <label key={value} class="choice">
                <input
                  type="radio"
                  name={`${id}-reason`}
                  value={value}
                  checked={reason === value}
                  onChange={() => setReason(value)}
                />
                {t.complaintReasons[value]}
              </label>
            ))}
          </fieldset>
          {reason === 'other' && (
            <>
              <label for={`${id}-details`}>{t.report.details}</label>
              <textarea
                id={`${id}-details`}
                rows={3}
                maxLength={COMPLAINT_DETAILS_MAX}
                value={details}
                required
                onInput={(event) => setDetails(event.currentTarget.value)}
              />
            </>
          )}
          {error !== null && <Failure error={error} onDone={() => setError(null)} />}
          <div class="dialog-buttons">
            <button type="button" class="button secondary" onClick={onClose}>
              {t.comments.cancel}
            </button>
            <button type="submit" class="button" disabled={!ready} aria-busy={busy}>
              {t.report.send}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
