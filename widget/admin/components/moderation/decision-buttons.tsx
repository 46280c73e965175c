import { useLayoutEffect, useRef } from 'preact/hooks';
import type { QueueItem } from '../../../../shared/api.ts';
import { useLocale } from '../../i18n.ts';
import type { ModerationStore } from '../../state/moderation.ts';

/** Dismiss, hide (or show a hidden one again), delete, ban: the first two act at once, the others open their step. */
export function DecisionButtons({ item, moderation }: { item: QueueItem; moderation: ModerationStore }) {
  const { a } = useLocale();
  const deleteButton = useRef<HTMLButtonElement>(null);
  const banButton = useRef<HTMLButtonElement>(null);
  const busy = moderation.busy.value;
  const deleted = item.comment.status === 'deleted';

  // Back from a cancelled step, focus returns to the button that opened it.
  useLayoutEffect(() => {
    const cancelled = moderation.cancelled.value;
    if (cancelled) (cancelled === 'delete' ? deleteButton : banButton).current?.focus();
  }, [moderation]);

  return (
    <fieldset class="actions">
      <legend class="visually-hidden">{a.actions.label}</legend>
      <button
        type="button"
        class="button secondary"
        disabled={busy || deleted}
        onClick={() => void moderation.dismiss()}
      >
        {a.actions.dismiss}
      </button>
      {item.comment.status === 'hidden' ? (
        <button
          type="button"
          class="button secondary"
          disabled={busy}
          onClick={() => void moderation.unhide()}
        >
          {a.actions.unhide}
        </button>
      ) : (
        <button
          type="button"
          class="button secondary"
          disabled={busy || deleted}
          onClick={() => void moderation.hide()}
        >
          {a.actions.hide}
        </button>
      )}
      {deleted ? (
        <button
          type="button"
          class="button secondary"
          disabled={busy}
          onClick={() => void moderation.restore()}
        >
          {a.actions.restore}
        </button>
      ) : (
        <button
          ref={deleteButton}
          type="button"
          class="button danger"
          disabled={busy}
          onClick={() => moderation.open('delete')}
        >
          {a.actions.delete}
        </button>
      )}
      <button
        ref={banButton}
        type="button"
        class="button danger"
        disabled={busy}
        onClick={() => moderation.open('ban')}
      >
        {a.actions.ban}
      </button>
    </fieldset>
  );
}
