/**
 * Opening `article#pikir-<id>`: scrolls to the comment and marks it, even when it is on a later
 * page of the thread or a reply past the first few. A chunk of its own, loaded only when the
 * page's address names a comment. The linked comment's thread, when the first page does not hold
 * it, is asked for (GET …/comments/:id/context) and shown first after the pinned comments; it is
 * kept there through reloads (signing in reads the thread again) and not repeated when its own
 * page comes (state/thread.ts).
 */
import type { CommentContext, CommentView, ThreadComment } from '../../shared/api.ts';
import type { WidgetApi } from './api.ts';
import type { effect as Effect } from './signals.ts';
import type { ThreadStore } from './state/thread.ts';

/**
 * What it needs of the reading path's modules comes as arguments: importing them would make the
 * bundler split the reading path into two files to share them with this chunk.
 */
export interface Shared {
  effect: typeof Effect;
  byAge: (a: CommentView, b: CommentView) => number;
}

export async function followPermalink(
  root: ShadowRoot,
  thread: ThreadStore,
  api: WidgetApi,
  id: string,
  { effect, byAge }: Shared,
) {
  const find = () => root.getElementById(`pikir-${id}`);
  let context: CommentContext | null = null;
  if (!thread.comments.value.some((c) => c.id === id || c.replies.some((r) => r.id === id))) {
    try {
      context = await api.call('GET /api/sites/:site/comments/:id/context', { params: { id } });
    } catch {
      return; // Gone, or not for this reader: the thread stays as it is.
    }
    const linked = context.comment;
    effect(() => {
      const list = thread.comments.value;
      const top = list.find((c) => c.id === linked.id);
      if (top?.replies.some((r) => r.id === id) || (top && linked.id === id)) return;
      thread.comments.value = top
        ? list.map((c) => (c === top ? withReplies(c, linked.replies, byAge) : c))
        : withLinked(list, linked);
    });
  }
  // Drawn on the next frame; then to the comment, marked until another is opened.
  for (let tries = 0; tries < 20 && !find(); tries++) await new Promise(requestAnimationFrame);
  const element = find();
  if (!element) return;
  element.classList.add('target');
  element.scrollIntoView({ block: 'start' });
}

function withReplies(
  top: ThreadComment,
  replies: ThreadComment['replies'],
  byAge: Shared['byAge'],
): ThreadComment {
  const fresh = replies.filter((r) => !top.replies.some((shown) => shown.id === r.id));
  return { ...top, replies: [...top.replies, ...fresh].sort(byAge) };
}

function withLinked(list: ThreadComment[], linked: ThreadComment): ThreadComment[] {
  const lead = list.filter((c) => c.pinned).length;
  return [...list.slice(0, lead), linked, ...list.slice(lead)];
}
