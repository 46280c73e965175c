import { useLayoutEffect, useRef } from 'preact/hooks';
import type { QueueItem } from '../../../../shared/api.ts';
import { fill } from '../../../../shared/i18n/fill.ts';
import { personName, useLocale } from '../../i18n.ts';
import { BAN_DURATIONS, type BanWith, type ModerationStore, REASON_MAX } from '../../state/moderation.ts';
import { StepButtons } from './step-buttons.tsx';

const BAN_WITH: BanWith[] = ['delete', 'hide'];

/** How long, what happens to the comment, and the reason the author will see (required). */
export function BanStep({ item, moderation }: { item: QueueItem; moderation: ModerationStore }) {
  const { a } = useLocale();
  const firstChoice = useRef<HTMLInputElement>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const id = item.comment.id;
  const reasonId = `pikir-admin-ban-reason-${id}`;
  const errorId = `pikir-admin-ban-error-${id}`;
  const reasonMissing = moderation.reasonMissing.value;

  useLayoutEffect(() => firstChoice.current?.focus(), []);

  const next = (event: Event) => {
    event.preventDefault();
    if (!moderation.confirmBan()) reasonField.current?.focus();
  };

  return (
    <form class="step" noValidate onSubmit={next}>
      <fieldset>
        <legend class="question">
          {fill(a.actions.banTitle, { name: personName(item.author.name, a) })}
        </legend>
        <fieldset class="choices">
          <legend>{a.actions.duration}</legend>
          {BAN_DURATIONS.map((duration, i) => (
            <label key={duration} class="choice">
              <input
                type="radio"
                name={`duration-${id}`}
                value={duration}
                checked={moderation.duration.value === duration}
                onChange={() => {
                  moderation.duration.value = duration;
                }}
                ref={i === 0 ? firstChoice : undefined}
              />{' '}
              {a.actions.durations[duration]}
            </label>
          ))}
        </fieldset>
        <fieldset class="choices">
          <legend>{a.actions.banComment}</legend>
          {BAN_WITH.map((what) => (
            <label key={what} class="choice">
              <input
                type="radio"
                name={`ban-action-${id}`}
                value={what}
                checked={moderation.banWith.value === what}
                onChange={() => {
                  moderation.banWith.value = what;
                }}
              />{' '}
              {what === 'delete' ? a.actions.banAndDelete : a.actions.banAndHide}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for={reasonId}>{a.actions.banReason}</label>
          <textarea
            id={reasonId}
            ref={reasonField}
            rows={3}
            required
            aria-required="true"
            maxLength={REASON_MAX}
            value={moderation.banReason.value}
            onInput={(event) => {
              moderation.banReason.value = event.currentTarget.value;
            }}
            aria-invalid={reasonMissing}
            aria-describedby={reasonMissing ? errorId : undefined}
          />
        </div>
        {reasonMissing && (
          <p id={errorId} class="error" role="alert">
            {a.actions.banReasonMissing}
          </p>
        )}
        <StepButtons moderation={moderation}>
          <button type="submit" class="button danger">
            {a.actions.banNext}
          </button>
        </StepButtons>
      </fieldset>
    </form>
  );
}
