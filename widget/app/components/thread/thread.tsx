import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ThreadOrder } from '../../../../shared/api.ts';
import { fill } from '../../../../shared/i18n/fill.ts';
import { threadOrders } from '../../../../shared/reading-vocabulary.ts';
import { errorText } from '../../../ui/error-text.ts';
import type { ThreadStore } from '../../state/thread.ts';
import { useLocale } from '../locale-context.ts';
import { Comment } from './comment.tsx';
import { loadForms } from './forms.tsx';
import { useThreadContext } from './thread-context.ts';

const TICK_MS = 30_000;

/** `children` (the account area) sits between the header and the comments. */
export function Thread({ store, children }: { store: ThreadStore; children?: ComponentChildren }) {
  const locale = useLocale();
  const { t } = locale;
  const context = useThreadContext();
  const now = useNow();
  const { comments, total, nextCursor, loadError, moreError, loading, fresh } = store;
  // Only the live chunk (loaded already, since it brought them) fills the bar and empties it.
  const showFresh = () => void import('../../live.ts').then((live) => live.showFresh(store));

  return (
    <section class="thread" aria-labelledby="pikir-header">
      <h2 id="pikir-header" class="header">
        {t.thread.header}
        <span class="count" title={t.thread.count}>
          {total.value}
        </span>
      </h2>
      {children}
      {fresh.value.length > 0 && (
        <button type="button" class="button secondary fresh" onClick={showFresh}>
          {fill(t.thread.showNew, { n: fresh.value.length })}
        </button>
      )}
      {comments.value.length > 1 && (
        <label class="sort">
          {t.thread.sort}{' '}
          <select
            value={store.order.value}
            onChange={async (e) => {
              const order = e.currentTarget.value as ThreadOrder;
              await (await loadForms()).sortBy(store, store.site, order);
            }}
            disabled={loading.value}
          >
            {threadOrders.map((order) => (
              <option key={order} value={order}>
                {t.thread.orders[order]}
              </option>
            ))}
          </select>
        </label>
      )}
      {loadError.value ? (
        <div class="notice" role="alert">
          <p>
            {t.thread.loadFailed} {errorText(t, loadError.value)}
          </p>
          <button type="button" class="button secondary" onClick={store.reload} disabled={loading.value}>
            {t.thread.retry}
          </button>
        </div>
      ) : comments.value.length === 0 ? (
        <p class="empty">{t.thread.empty}</p>
      ) : (
        <ul class="comments">
          {comments.value.map((comment) => (
            <Comment
              key={comment.id}
              comment={comment}
              top={comment}
              now={now}
              locale={locale}
              context={context}
            />
          ))}
        </ul>
      )}
      {moreError.value && (
        <p class="error" role="alert">
          {errorText(t, moreError.value)}
        </p>
      )}
      {nextCursor.value && !loadError.value && (
        <button type="button" class="button secondary more" onClick={store.loadMore} disabled={loading.value}>
          {t.thread.showMore}
        </button>
      )}
    </section>
  );
}

/** The current time, refreshed every half minute so "5 минут назад" stays true. */
function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}
