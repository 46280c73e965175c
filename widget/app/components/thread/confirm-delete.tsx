import { useRef } from 'preact/hooks';
import { useLocale } from '../locale-context.ts';
import { useOnClickStyles } from './on-click-styles.ts';

interface Props {
  onDelete: () => void;
  onCancel: () => void;
}

/** "Удалить комментарий?" under the comment, opened by its "Удалить" button. */
export function ConfirmDelete({ onDelete, onCancel }: Props) {
  const { t } = useLocale();
  const box = useRef<HTMLDivElement>(null);
  useOnClickStyles(box);
  // Esc on either button cancels, as Esc closes every panel.
  const onEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onCancel();
  };
  return (
    <div class="confirm" ref={box}>
      <span>{t.comments.confirmDelete}</span>
      <button type="button" class="button danger" onClick={onDelete} onKeyDown={onEscape}>
        {t.comments.delete}
      </button>
      <button type="button" class="button secondary" onClick={onCancel} onKeyDown={onEscape}>
        {t.comments.cancel}
      </button>
    </div>
  );
}
