import { errorText } from '../../ui/error-text.ts';
import { useLocale } from '../i18n.ts';

/** A list's first-load failure with a retry, announced as an alert. */
export function LoadFailed({ title, code, onRetry }: { title: string; code: string; onRetry: () => void }) {
  const { t, a } = useLocale();
  return (
    <div class="notice" role="alert">
      <p>
        {title} {errorText(t, code)}
      </p>
      <button type="button" class="button secondary" onClick={onRetry}>
        {a.retry}
      </button>
    </div>
  );
}

/** "Показать ещё" with the error of the last attempt, if any. */
export function ShowMore({
  visible,
  busy,
  error,
  onMore,
}: {
  visible: boolean;
  busy: boolean;
  error: string | null;
  onMore: () => void;
}) {
  const { t, a } = useLocale();
  return (
    <>
      {error && (
        <p class="error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {visible && (
        <button type="button" class="button secondary more" onClick={onMore} disabled={busy}>
          {busy ? a.loading : a.showMore}
        </button>
      )}
    </>
  );
}
