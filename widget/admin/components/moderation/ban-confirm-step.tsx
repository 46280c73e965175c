import { useLayoutEffect, useRef } from 'preact/hooks';
import type { QueueItem } from '../../../../shared/api.ts';
import { fill } from '../../../../shared/i18n/fill.ts';
import { personName, useLocale } from '../../i18n.ts';
import type { ModerationStore } from '../../state/moderation.ts';
import { StepButtons } from './step-buttons.tsx';

/** "Заблокировать пользователя … на 7 дней? Комментарий будет удалён." and the last yes. */
export function BanConfirmStep({ item, moderation }: { item: QueueItem; moderation: ModerationStore }) {
  const { a } = useLocale();
  const yes = useRef<HTMLButtonElement>(null);
  const busy = moderation.busy.value;

  useLayoutEffect(() => yes.current?.focus(), []);

  return (
    <fieldset class="step">
      <legend class="question">
        {fill(a.actions.banConfirm, {
          name: personName(item.author.name, a),
          duration: a.actions.durationPhrases[moderation.duration.value],
        })}{' '}
        {moderation.banWith.value === 'delete' ? a.actions.banWillDelete : a.actions.banWillHide}
      </legend>
      <StepButtons moderation={moderation}>
        <button
          type="button"
          class="button danger"
          disabled={busy}
          ref={yes}
          onClick={() => void moderation.ban()}
        >
          {busy ? a.busy : a.actions.banYes}
        </button>
      </StepButtons>
    </fieldset>
  );
}
