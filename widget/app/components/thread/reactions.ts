/**
 * Likes, dislikes, pins and "Сортировка", applied from the server's answer: in the on-click chunk,
 * since nothing of them runs before a click (the buttons, counts and the menu are on the reading path).
 */
import type { CommentView, Reaction, ThreadOrder } from '../../../../shared/api.ts';
import { replace } from '../../state/comment-writes.ts';
import type { CommentActions } from '../../state/comments.ts';
import type { ThreadStore } from '../../state/thread.ts';

/** Like, dislike or neither (`none`): the counts as the server now has them. */
export async function react(actions: CommentActions, target: CommentView, reaction: Reaction): Promise<void> {
  const answer = await actions.api.call('PUT /api/sites/:site/comments/:id/reaction', {
    params: { id: target.id },
    body: { reaction },
  });
  // `mine: undefined` rather than absent: the merge into a top-level comment must drop the old one.
  const mine = answer.mine === 'none' ? undefined : answer.mine;
  replace(actions, { ...target, mine, likes: answer.likes, dislikes: answer.dislikes });
}

/** An admin pins or unpins a top-level comment; pinned ones lead the thread, so it is read again. */
export async function pin(actions: CommentActions, target: CommentView, pinned: boolean): Promise<void> {
  await actions.api.call('PUT /api/sites/:site/comments/:id/pinned', {
    params: { id: target.id },
    body: { pinned },
  });
  await actions.thread.reload();
}

/** A new order: remembered for the site (the loader asks for the next visit's first page in it), then read. */
export function sortBy(thread: ThreadStore, site: string, order: ThreadOrder): Promise<void> {
  thread.order.value = order;
  try {
    localStorage.setItem(`pikir:order:${site}`, order);
  } catch {
    // Storage blocked: the order holds for this page view only.
  }
  return thread.reload();
}
