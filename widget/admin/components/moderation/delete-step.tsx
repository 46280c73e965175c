import { useLayoutEffect, useRef } from 'preact/hooks';
import type { QueueItem } from '../../../../shared/api.ts';
import { useLocale } from '../../i18n.ts';
import { type ModerationStore, REASON_MAX } from '../../state/moderation.ts';
import { StepButtons } from './step-buttons.tsx';

/** "Удалить этот комментарий?" with an optional reason for the audit log. */
export function DeleteStep({ item, moderation }: { item: QueueItem; moderation: ModerationStore }) {
  const { a } = useLocale();
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const reasonId = `pikir-admin-log-${item.comment.id}`;
  const busy = moderation.busy.value;

  useLayoutEffect(() => reasonField.current?.focus(), []);

  return (
    <form
      class="step"
      onSubmit={(event) => {
        event.preventDefault();
        void moderation.deleteComment();
      }}
    >
      <fieldset>
        <legend class="question">{a.actions.deleteConfirm}</legend>
        <div class="field">
          <label for={reasonId}>{a.actions.logReason}</label>
          <textarea
            id={reasonId}
            ref={reasonField}
            rows={2}
            maxLength={REASON_MAX}
            value={moderation.logReason.value}
            onInput={(event) => {
              moderation.logReason.value = event.currentTarget.value;
            }}
          />
        </div>
        <StepButtons moderation={moderation}>
          <button type="submit" class="button danger" disabled={busy}>
            {busy ? a.busy : a.actions.deleteYes}
          </button>
        </StepButtons>
      </fieldset>
    </form>
  );
}
