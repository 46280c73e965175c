/**
 * What a signed-in reader (or an admin) does to the thread: post, reply, edit, delete, hide,
 * report. Each change is applied from the server's answer, never guessed ahead of it.
 */
import type { CommentView, ComplaintReason, ComplaintReceived, ThreadComment } from '../../../shared/api.ts';
import { codeOf } from '../../../shared/client.ts';
import type { WidgetApi } from '../api.ts';
import type { WidgetOptions } from '../options.ts';
import type { ThreadStore } from './thread.ts';
import { byAge } from './thread.ts';

export type CommentActions = ReturnType<typeof createCommentActions>;

export function createCommentActions(
  api: WidgetApi,
  thread: ThreadStore,
  options: Pick<WidgetOptions, 'site' | 'page' | 'title' | 'url' | 'first'>,
) {
  const update = (fn: (list: ThreadComment[]) => ThreadComment[]) => {
    thread.comments.value = fn(thread.comments.value);
  };

  const replace = (next: CommentView) =>
    update((list) =>
      list.map((c) =>
        c.id === next.id
          ? { ...c, ...next, replies: c.replies }
          : { ...c, replies: c.replies.map((r) => (r.id === next.id ? next : r)) },
      ),
    );

  /**
   * The thread's count changed by this reader's hand: count.js on this page shows the new one at
   * once, and skips the cached answer for a minute (widget/count.ts).
   */
  const counted = () => {
    try {
      localStorage.setItem(`pikir:fresh:${options.site}`, String(Date.now()));
    } catch {
      // Storage blocked: count.js on the next list page may show a count a minute old.
    }
    const detail = { site: options.site, page: options.page, count: thread.total.value };
    document.dispatchEvent(new CustomEvent('pikir:count', { detail }));
  };

  async function post(text: string, parentId?: string): Promise<void> {
    const body = { page: options.page, title: options.title, url: options.url, text, parentId };
    const { comment } = await api.call('POST /api/sites/:site/comments', { body }).catch((error: unknown) => {
      // Closed since the thread was loaded: the notice takes the composer's place.
      if (codeOf(error) === 'thread_closed') thread.closed.value = true;
      throw error;
    });
    // The live stream (live.ts) may have brought it first, the count with it.
    const fresh = thread.fresh.value;
    const known = (c: ThreadComment) => c.id === comment.id || c.replies.some((r) => r.id === comment.id);
    thread.fresh.value = fresh.filter((c) => c.id !== comment.id);
    if (!thread.comments.value.some(known)) {
      if (comment.parentId) {
        update((list) =>
          list.map((c) =>
            c.id === comment.parentId
              ? { ...c, replies: [...c.replies, comment], replyCount: c.replyCount + 1 }
              : c,
          ),
        );
      } else {
        update((list) => [{ ...comment, replies: [], replyCount: 0, repliesCursor: null }, ...list]);
      }
      // A comment held for pre-moderation is not counted until an admin approves it.
      if (!fresh.some(known) && comment.status === 'published') thread.total.value += 1;
    }
    counted();
  }

  async function edit(id: string, text: string): Promise<void> {
    const was = thread.comments.value.flatMap((c) => [c, ...c.replies]).find((c) => c.id === id)?.status;
    const { comment } = await api.call('PATCH /api/sites/:site/comments/:id', {
      params: { id },
      body: { text },
    });
    replace(comment);
    // A suspect word put it back on hold: readers no longer count it.
    if (comment.status === 'held' && was === 'published') thread.total.value -= 1;
  }

  /** A deleted comment that still has replies stays as a placeholder, as the server keeps it. */
  async function remove(target: CommentView): Promise<void> {
    await api.call('DELETE /api/sites/:site/comments/:id', { params: { id: target.id } });
    const placeholder = (c: ThreadComment): ThreadComment => ({
      ...c,
      status: 'deleted',
      text: '',
      author: { id: '', name: '' },
    });
    // Replies not shown yet ("Показать ещё ответы") count as replies too.
    update((list) =>
      list
        .map((c) => (c.id === target.id && c.replyCount > 0 ? placeholder(c) : c))
        .filter((c) => c.id !== target.id || c.replyCount > 0)
        .map((c) =>
          c.id === target.parentId
            ? { ...c, replies: c.replies.filter((r) => r.id !== target.id), replyCount: c.replyCount - 1 }
            : c,
        ),
    );
    if (target.status === 'published') thread.total.value -= 1;
    counted();
  }

  /** An admin hides a comment or shows it again; only a published one is in the count. */
  async function setHidden(target: CommentView, hidden: boolean): Promise<void> {
    const byId = { params: { id: target.id } };
    // While the answer is on its way, the stream's `remove` for it must not take it away (live.ts).
    if (hidden) thread.hiding.add(target.id);
    try {
      const { comment } = await (hidden
        ? api.call('POST /api/sites/:site/comments/:id/hide', byId)
        : api.call('POST /api/sites/:site/comments/:id/unhide', byId));
      replace(comment);
      if ((hidden ? target : comment).status === 'published') thread.total.value += hidden ? -1 : 1;
    } finally {
      thread.hiding.delete(target.id);
    }
  }

  async function report(
    id: string,
    reason: ComplaintReason,
    details?: string,
  ): Promise<ComplaintReceived['status']> {
    const body = reason === 'other' ? { reason, details } : { reason };
    const { status } = await api.call('POST /api/sites/:site/comments/:id/complaints', {
      params: { id },
      body,
    });
    return status;
  }

  /** "Показать ещё ответы": the next replies of a top-level comment, in order among those shown. */
  async function moreReplies(id: string): Promise<void> {
    const cursor = thread.comments.value.find((c) => c.id === id)?.repliesCursor;
    if (!cursor) return;
    const page = await api.call('GET /api/sites/:site/comments/:id/replies', {
      params: { id },
      query: { cursor },
    });
    update((list) =>
      list.map((c) => {
        if (c.id !== id) return c;
        // A reply posted here meanwhile is among the shown ones already.
        const fresh = page.replies.filter((r) => !c.replies.some((shown) => shown.id === r.id));
        return { ...c, replies: [...c.replies, ...fresh].sort(byAge), repliesCursor: page.nextCursor };
      }),
    );
  }

  // The thread's own settings signal, for the forms' length limit.
  /** An admin closes the thread or reopens it; then the thread as the server now has it. */
  async function setClosed(closed: boolean): Promise<void> {
    await api.call('PUT /api/sites/:site/pages/closed', { body: { page: options.page, closed } });
    await thread.reload();
  }

  return {
    /** The article's address: comment dates link to `url#pikir-<id>`. */
    url: options.url,
    // For the reactions and pins of the on-click chunk (thread/reactions.ts).
    api,
    thread,
    replace,
    config: thread.config,
    closed: thread.closed,
    post,
    edit,
    remove,
    setHidden,
    report,
    moreReplies,
    setClosed,
  };
}
