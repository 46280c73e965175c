import type { ComponentChildren } from 'preact';
import { errorText } from '../../ui/error-text.ts';
import { useLocale } from '../i18n.ts';
import type { createPagedList } from '../state/paged-list.ts';

type PagedList = Pick<
  ReturnType<typeof createPagedList<unknown>>,
  'items' | 'loading' | 'loadError' | 'moreError' | 'nextCursor'
> & { load(): Promise<void> };

/**
 * A list the server pages (the queue, the audit log) in each of its states: the first load's
 * failure with a retry, "loading", the empty text, or the list itself (the children); then
 * "Показать ещё" with the error of its last attempt.
 */
export function PagedListView({
  list,
  failedTitle,
  emptyText,
  onMore,
  children,
}: {
  list: PagedList;
  failedTitle: string;
  emptyText: string;
  onMore: () => void;
  children: ComponentChildren;
}) {
  const { a } = useLocale();
  const { items, loading, loadError } = list;
  return (
    <>
      {loadError.value ? (
        <LoadFailed title={failedTitle} code={loadError.value} onRetry={() => void list.load()} />
      ) : loading.value && items.value.length === 0 ? (
        <p class="page-status" role="status">
          {a.loading}
        </p>
      ) : items.value.length === 0 ? (
        <p class="empty">{emptyText}</p>
      ) : (
        children
      )}
      {!loadError.value && (
        <ShowMore
          visible={list.nextCursor.value !== null}
          busy={loading.value}
          error={list.moreError.value}
          onMore={onMore}
        />
      )}
    </>
  );
}

/** A list's first-load failure with a retry, announced as an alert. */
function LoadFailed({ title, code, onRetry }: { title: string; code: string; onRetry: () => void }) {
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
function ShowMore({
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
