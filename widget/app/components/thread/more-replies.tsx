import { useState } from 'preact/hooks';
import { failureText, type Locale } from '../../i18n.ts';
import type { CommentActions } from '../../state/comments.ts';
import { loadForms } from './forms.tsx';

/** "Показать ещё ответы" under the replies a thread page shows of a top-level comment. */
export function MoreReplies({
  id,
  locale,
  actions,
}: {
  id: string;
  locale: Locale;
  actions: CommentActions;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function more() {
    setBusy(true);
    setError(null);
    try {
      await (await loadForms()).moreReplies(actions, id);
    } catch (failure) {
      setError(failureText(locale, failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="more-replies">
      <button type="button" class="link" onClick={more} disabled={busy} aria-busy={busy}>
        {locale.t.thread.moreReplies}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
