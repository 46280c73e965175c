/**
 * What a signed-in reader (or an admin) does to the thread: post, reply, edit, delete, hide,
 * report, show more replies, close. Each change is applied from the server's answer, never
 * guessed ahead of it. In the on-click chunk (components/thread/on-click.ts): nothing here runs
 * before a click.
 */
import type { CommentView, ComplaintReason, ComplaintReceived, ThreadComment } from '../../../shared/api.ts';
import { codeOf } from '../../../shared/client.ts';
import type { CommentActions } from './comments.ts';
import { byAge } from './thread.ts';

function update({ thread }: CommentActions, fn: (list: ThreadComment[]) => ThreadComment[]) {
  thread.comments.value = fn(thread.comments.value);
}

/** A comment as the server now has it, in its place (top-level or reply). */
export function replace(actions: CommentActions, next: CommentView): void {
  update(actions, (list) =>
    list.map((c) =>
      c.id === next.id
        ? { ...c, ...next, replies: c.replies }
        : { ...c, replies: c.replies.map((r) => (r.id === next.id ? next : r)) },
    ),
  );
}

/**
 * The thread's count changed by this reader's hand: count.js on this page shows the new one at
 * once, and skips the cached answer for a minute (widget/count.ts).
 */
function counted({ thread, page }: CommentActions) {
  try {
    localStorage.setItem(`pikir:fresh:${page.site}`, String(Date.now()));
  } catch {
    // Storage blocked: count.js on the next list page may show a count a minute old.
  }
  const detail = { site: page.site, page: page.page, count: thread.total.value };
  document.dispatchEvent(new CustomEvent('pikir:count', { detail }));
}

export async function post(actions: CommentActions, text: string, parentId?: string): Promise<void> {
  const { api, thread, page } = actions;
  const body = { page: page.page, title: page.title, url: page.url, text, parentId };
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
      update(actions, (list) =>
        list.map((c) =>
          c.id === comment.parentId
            ? { ...c, replies: [...c.replies, comment], replyCount: c.replyCount + 1 }
            : c,
        ),
      );
    } else {
      update(actions, (list) => [{ ...comment, replies: [], replyCount: 0, repliesCursor: null }, ...list]);
    }
    // A comment held for pre-moderation is not counted until an admin approves it.
    if (!fresh.some(known) && comment.status === 'published') thread.total.value += 1;
  }
  counted(actions);
}

export async function edit(actions: CommentActions, id: string, text: string): Promise<void> {
  const { api, thread } = actions;
  const was = thread.comments.value.flatMap((c) => [c, ...c.replies]).find((c) => c.id === id)?.status;
  const { comment } = await api.call('PATCH /api/sites/:site/comments/:id', {
    params: { id },
    body: { text },
  });
  replace(actions, comment);
  // A suspect word put it back on hold: readers no longer count it.
  if (comment.status === 'held' && was === 'published') thread.total.value -= 1;
}

/** A deleted comment that still has replies stays as a placeholder, as the server keeps it. */
export async function remove(actions: CommentActions, target: CommentView): Promise<void> {
  await actions.api.call('DELETE /api/sites/:site/comments/:id', { params: { id: target.id } });
  const placeholder = (c: ThreadComment): ThreadComment => ({
    ...c,
    status: 'deleted',
    text: '',
    author: { id: '', name: '' },
  });
  // Replies not shown yet ("Показать ещё ответы") count as replies too.
  update(actions, (list) =>
    list
      .map((c) => (c.id === target.id && c.replyCount > 0 ? placeholder(c) : c))
      .filter((c) => c.id !== target.id || c.replyCount > 0)
      .map((c) =>
        c.id === target.parentId
          ? { ...c, replies: c.replies.filter((r) => r.id !== target.id), replyCount: c.replyCount - 1 }
          : c,
      ),
  );
  if (target.status === 'published') actions.thread.total.value -= 1;
  counted(actions);
}

/** An admin hides a comment or shows it again; only a published one is in the count. */
export async function setHidden(
  actions: CommentActions,
  target: CommentView,
  hidden: boolean,
): Promise<void> {
  const { api, thread } = actions;
  const byId = { params: { id: target.id } };
  // While the answer is on its way, the stream's `remove` for it must not take it away (live.ts).
  if (hidden) thread.hiding.add(target.id);
  try {
    const { comment } = await (hidden
      ? api.call('POST /api/sites/:site/comments/:id/hide', byId)
      : api.call('POST /api/sites/:site/comments/:id/unhide', byId));
    replace(actions, comment);
    if ((hidden ? target : comment).status === 'published') thread.total.value += hidden ? -1 : 1;
  } finally {
    thread.hiding.delete(target.id);
  }
}

export async function report(
  { api }: CommentActions,
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
export async function moreReplies(actions: CommentActions, id: string): Promise<void> {
  const cursor = actions.thread.comments.value.find((c) => c.id === id)?.repliesCursor;
  if (!cursor) return;
  const page = await actions.api.call('GET /api/sites/:site/comments/:id/replies', {
    params: { id },
    query: { cursor },
  });
  update(actions, (list) =>
    list.map((c) => {
      if (c.id !== id) return c;
      // A reply posted here meanwhile is among the shown ones already.
      const fresh = page.replies.filter((r) => !c.replies.some((shown) => shown.id === r.id));
      return { ...c, replies: [...c.replies, ...fresh].sort(byAge), repliesCursor: page.nextCursor };
    }),
  );
}

/** An admin closes the thread or reopens it; then the thread as the server now has it. */
export async function setClosed({ api, thread, page }: CommentActions, closed: boolean): Promise<void> {
  await api.call('PUT /api/sites/:site/pages/closed', { body: { page: page.page, closed } });
  await thread.reload();
}
