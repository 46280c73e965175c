import type { ComponentChildren } from 'preact';
import { useLocale } from '../../i18n.ts';
import type { ModerationStore } from '../../state/moderation.ts';

/** A step's own button (the children), then "Отмена" back to the four decisions. */
export function StepButtons({
  moderation,
  children,
}: {
  moderation: ModerationStore;
  children: ComponentChildren;
}) {
  const { a } = useLocale();
  return (
    <div class="actions">
      {children}
      <button type="button" class="button secondary" onClick={moderation.cancel}>
        {a.cancel}
      </button>
    </div>
  );
}
