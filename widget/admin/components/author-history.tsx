import { useMemo, useState } from 'preact/hooks';
import type { QueueItem } from '../../../shared/api.ts';
import { codeOf } from '../../../shared/client.ts';
import { fill } from '../../../shared/i18n/fill.ts';
import { errorText } from '../../ui/error-text.ts';
import type { AdminApi } from '../api.ts';
import { dateText, useLocale } from '../i18n.ts';
import { createHistoryStore } from '../state/history.ts';
import { ArticleLink } from './article-link.tsx';
import { AuditEntryView } from './audit-entry.tsx';
import { CommentText } from './comment-text.tsx';

/** The author's comments and past moderation on this site, loaded only when asked for. */
export function AuthorHistory({
  api,
  site,
  author,
}: {
  api: AdminApi;
  site: string;
  author: QueueItem['author'];
}) {
  const { lang, t, a } = useLocale();
  const [open, setOpen] = useState(false);
  const store = useMemo(() => createHistoryStore(api, site, author.id), [api, site, author.id]);
  const regionId = `pikir-admin-history-${site}-${author.id}`;
  const history = store.history.value;

  const toggle = () => {
    if (!open) store.ensure();
    setOpen(!open);
  };

  return (
    <div class="history">
      <button
        type="button"
        class="button secondary small"
        aria-expanded={open}
        aria-controls={regionId}
        onClick={toggle}
      >
        {open ? a.history.hide : a.history.show}
      </button>
      <section id={regionId} hidden={!open} aria-label={fill(a.history.title, { name: author.name })}>
        {open &&
          (store.error.value ? (
            <div class="notice" role="alert">
              <p>
                {a.history.loadFailed} {errorText(t, store.error.value)}
              </p>
              <button type="button" class="button secondary small" onClick={() => void store.load()}>
                {a.retry}
              </button>
            </div>
          ) : !history ? (
            <p role="status">{a.loading}</p>
          ) : (
            <>
              <h4>{a.history.comments}</h4>
              {history.comments.length === 0 ? (
                <p class="muted">{a.history.noComments}</p>
              ) : (
                <ul class="history-list">
                  {history.comments.map((comment) => (
                    <li key={comment.id}>
                      <p class="muted small">
                        {dateText(comment.createdAt, lang)} · {a.queue.statuses[comment.status]} ·{' '}
                        <ArticleLink page={comment.page} />
                      </p>
                      <CommentText text={comment.text} />
                      {comment.parentId === null && comment.status !== 'deleted' && (
                        <PinButton api={api} id={comment.id} pinned={comment.pinned === true} />
                      )}
                    </li>
                  ))}
                </ul>
              )}
              <h4>{a.history.actions}</h4>
              {history.actions.length === 0 ? (
                <p class="muted">{a.history.noActions}</p>
              ) : (
                <ul class="history-list">
                  {history.actions.map((entry) => (
                    <li key={entry.id}>
                      <AuditEntryView entry={entry} />
                    </li>
                  ))}
                </ul>
              )}
            </>
          ))}
      </section>
    </div>
  );
}

/** Pins a top-level comment first in its thread, or unpins it (PUT /admin/api/comments/:id/pinned). */
function PinButton({ api, id, pinned: initial }: { api: AdminApi; id: string; pinned: boolean }) {
  const { t, a } = useLocale();
  const [pinned, setPinned] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    setError(null);
    try {
      const { comment } = await api.call('PUT /admin/api/comments/:id/pinned', {
        params: { id },
        body: { pinned: !pinned },
      });
      setPinned(comment.pinned === true);
    } catch (failure) {
      setError(codeOf(failure));
    }
  };
  return (
    <p>
      {pinned && <span class="muted small">{a.history.pinned} · </span>}
      <button type="button" class="button secondary small" onClick={() => void toggle()}>
        {pinned ? a.history.unpin : a.history.pin}
      </button>
      {error && (
        <span class="error" role="alert">
          {' '}
          {errorText(t, error)}
        </span>
      )}
    </p>
  );
}
