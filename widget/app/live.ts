/**
 * The live thread, a chunk of its own that main.ts loads when the thread first scrolls into
 * view: the page's event stream (shared/contract/live.ts) applied to the thread store. New
 * top-level comments wait behind "Показать новые комментарии (N)" (state/thread.ts `fresh`);
 * replies, edits, deletions and hides change the thread in place; the header's count follows.
 * The stream is closed while the tab is hidden and opened again after the last event it had.
 */
import type { CommentView, ThreadComment } from '../../shared/api.ts';
import type { WidgetOptions } from './options.ts';
// Types only: a value imported from the reading path would split it into one more chunk.
import type { ThreadStore } from './state/thread.ts';

/** A stream refused (the server's caps) or failed for good: try again after this. */
const RETRY_MS = 30_000;

export function follow(
  options: Pick<WidgetOptions, 'base' | 'site' | 'page'>,
  thread: ThreadStore,
): () => void {
  if (typeof EventSource !== 'function') return () => {};
  let source: EventSource | null = null;
  let last = thread.version.value;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    clearTimeout(retry);
    source?.close();
    source = null;
  };
  const open = () => {
    close();
    if (document.hidden) return;
    const query = `page=${encodeURIComponent(options.page)}&since=${last}`;
    const stream = new EventSource(
      `${options.base}/api/sites/${encodeURIComponent(options.site)}/pages/events?${query}`,
    );
    source = stream;
    const on = (name: string, handle: (data: never) => void) =>
      stream.addEventListener(name, (event) => {
        const { data, lastEventId } = event as MessageEvent<string>;
        if (lastEventId) last = Number(lastEventId);
        handle(JSON.parse(data) as never);
      });
    on('comment', ({ comment }: { comment: CommentView }) => applyComment(thread, comment));
    on('remove', ({ id }: { id: string }) => removeComment(thread, id));
    on('count', ({ total }: { total: number }) => {
      thread.total.value = total;
    });
    // Too much missed: the thread as it is now, and the stream from there.
    on('reset', () => {
      close();
      void thread.reload().then(() => {
        last = thread.version.value;
        open();
      });
    });
    stream.onerror = () => {
      // EventSource reconnects by itself (with Last-Event-ID) unless the answer was no stream.
      if (stream.readyState !== EventSource.CLOSED || source !== stream) return;
      close();
      retry = setTimeout(open, RETRY_MS);
    };
  };
  const visibility = () => (document.hidden ? close() : open());
  document.addEventListener('visibilitychange', visibility);
  open();
  return () => {
    document.removeEventListener('visibilitychange', visibility);
    close();
  };
}

/**
 * "Показать новые комментарии (N)": newest first, under the pinned ones; in another order they
 * belong elsewhere, so the thread is read again. The bar shows only what this chunk brought.
 */
export function showFresh(thread: ThreadStore): void {
  if (thread.order.value !== 'new') return void thread.reload();
  const fresh = thread.fresh.value;
  const comments = thread.comments.value;
  // The bar goes first: both changes reach the screen in one render (Preact batches them).
  thread.fresh.value = [];
  thread.comments.value = [
    ...comments.filter((c) => c.pinned),
    ...fresh,
    ...comments.filter((c) => !c.pinned),
  ];
}

/** A comment as it is now: new, edited, shown again, or deleted (a placeholder or gone). */
function applyComment(thread: ThreadStore, comment: CommentView): void {
  if (comment.parentId === null) {
    const shown = thread.comments.value.some((c) => c.id === comment.id);
    const top = (list: ThreadComment[]) =>
      list
        .filter((c) => c.id !== comment.id || comment.status !== 'deleted' || c.replyCount > 0)
        .map((c) => (c.id === comment.id ? { ...c, ...comment } : c));
    thread.comments.value = top(thread.comments.value);
    const fresh = thread.fresh.value;
    if (shown || comment.status === 'deleted' || fresh.some((c) => c.id === comment.id)) {
      thread.fresh.value = top(fresh);
    } else {
      thread.fresh.value = [{ ...comment, replies: [], replyCount: 0, repliesCursor: null }, ...fresh];
    }
    return;
  }
  const reply = (list: ThreadComment[]) =>
    list.map((c) =>
      c.id !== comment.parentId
        ? c
        : c.replies.some((r) => r.id === comment.id)
          ? { ...c, replies: c.replies.map((r) => (r.id === comment.id ? comment : r)) }
          : {
              ...c,
              replies: [...c.replies, comment].sort((a, b) => a.createdAt - b.createdAt),
              replyCount: c.replyCount + 1,
            },
    );
  thread.comments.value = reply(thread.comments.value);
  thread.fresh.value = reply(thread.fresh.value);
}

/**
 * Gone from the public thread (hidden, held, a deleted reply). A copy this reader sees withheld
 * (their own, or an admin's view) stays as it is: the stream speaks for anonymous readers.
 */
function removeComment(thread: ThreadStore, id: string): void {
  if (thread.hiding.has(id)) return;
  const gone = (c: CommentView) => c.id === id && (c.status === 'published' || c.status === 'deleted');
  const drop = (list: ThreadComment[]) =>
    list
      .filter((c) => !gone(c))
      .map((c) =>
        c.replies.some(gone)
          ? { ...c, replies: c.replies.filter((r) => !gone(r)), replyCount: c.replyCount - 1 }
          : c,
      );
  thread.comments.value = drop(thread.comments.value);
  thread.fresh.value = drop(thread.fresh.value);
}
