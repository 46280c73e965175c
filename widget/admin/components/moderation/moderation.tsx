import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { QueueItem } from '../../../../shared/api.ts';
import { errorText } from '../../../ui/error-text.ts';
import { useLocale } from '../../i18n.ts';
import { createModerationStore } from '../../state/moderation.ts';
import type { QueueStore } from '../../state/queue.ts';
import { BanConfirmStep } from './ban-confirm-step.tsx';
import { BanStep } from './ban-step.tsx';
import { DecisionButtons } from './decision-buttons.tsx';
import { DeleteStep } from './delete-step.tsx';

/** The decisions on one item, one step at a time, and how the last one went. */
export function Moderation({ item, store }: { item: QueueItem; store: QueueStore }) {
  const { t, a } = useLocale();
  const [moderation] = useState(() => createModerationStore(store, item));
  const doneLine = useRef<HTMLParagraphElement>(null);
  const step = moderation.step.value;
  const error = moderation.error.value;
  const done = moderation.done.value;

  useLayoutEffect(() => {
    if (done) doneLine.current?.focus();
  }, [done]);

  return (
    <div class="moderation">
      {step === 'idle' && <DecisionButtons item={item} moderation={moderation} />}
      {step === 'delete' && <DeleteStep item={item} moderation={moderation} />}
      {step === 'ban' && <BanStep item={item} moderation={moderation} />}
      {step === 'banConfirm' && <BanConfirmStep item={item} moderation={moderation} />}
      {error && (
        <p id={`pikir-admin-act-error-${item.comment.id}`} class="error" role="alert">
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
