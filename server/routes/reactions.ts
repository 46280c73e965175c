/**
 * Likes, pins and permalinks (shared/contract/reactions.ts). A closed thread is read-only for
 * reactions too: its counts stay as they were when it closed (thread_closed), as its replies do.
 */
import { REPLIES_SHOWN } from '../../shared/limits.ts';
import { isSiteAdmin } from '../auth/admins.ts';
import { assertNotBanned } from '../auth/not-banned.ts';
import { takeReactionHit } from '../auth/reaction-limits.ts';
import type { Deps } from '../deps.ts';
import { moderates } from '../http/admin-session.ts';
import { Endpoints } from '../http/endpoint.ts';
import { pinComment } from '../moderation/pin-comment.ts';
import { Refusal } from '../refusal.ts';
import {
  type CommentRecord,
  commentView,
  getComment,
  getCommentView,
  listThread,
  selectComments,
} from '../storage/comments.ts';
import { getPageState, isClosed } from '../storage/pages.ts';
import { setReaction, withMine } from '../storage/reactions.ts';
import { encodeCursor } from './threads.ts';

export function reactionRoutes(deps: Deps) {
  const { db, clock } = deps;

  /** The comment `id` of site `siteId` (not deleted), or 404: ids of other sites do not exist here. */
  async function siteComment(siteId: string, id: string): Promise<CommentRecord> {
    const comment = await getComment(db, id);
    if (!comment || comment.siteId !== siteId || comment.status === 'deleted') {
      throw new Refusal('not_found', 'No such comment.');
    }
    return comment;
  }

  async function pin(comment: CommentRecord, pinned: boolean, actorId: string) {
    if (comment.parentId !== null) {
      throw new Refusal('invalid_request', 'Only top-level comments can be pinned, not replies.');
    }
    const change = { id: comment.id, siteId: comment.siteId, pageKey: comment.pageKey, pinned, actorId };
    if ((await pinComment(db, change, clock.now())) === 'limit') {
      throw new Refusal('pin_limit', 'A page has at most 3 pinned comments: unpin one first.');
    }
    return { comment: (await getCommentView(db, comment.id))! };
  }

  return new Endpoints()
    .endpoint('PUT /api/sites/:site/comments/:id/reaction', async (c, { params, body }) => {
      const site = c.get('site');
      const user = c.get('user')!;
      const comment = await siteComment(site.id, params.id);
      if (comment.status !== 'published') throw new Refusal('not_found', 'No such comment.');
      if (comment.author.id === user.id) {
        throw new Refusal('own_comment', 'You cannot like or dislike your own comment.');
      }
      if (body.reaction === 'dislike' && !site.settings.dislikes) {
        throw new Refusal('dislikes_off', 'This site has likes only: dislikes are off.');
      }
      const now = clock.now();
      await assertNotBanned(db, site.id, user.id, now);
      if (isClosed(await getPageState(db, site.id, comment.pageKey), site.settings.closeAfterDays, now)) {
        throw new Refusal('thread_closed', 'Comments on this page are closed, and so are their likes.');
      }
      const target = {
        commentId: comment.id,
        siteId: site.id,
        pageKey: comment.pageKey,
        userId: user.id,
        reaction: body.reaction,
      };
      const result = await setReaction(db, target, now, (tx) => takeReactionHit(tx, user.id, now));
      return { id: comment.id, ...result };
    })

    .endpoint('PUT /api/sites/:site/comments/:id/pinned', async (c, { params, body }) => {
      const site = c.get('site');
      const user = c.get('user')!;
      const comment = await siteComment(site.id, params.id);
      if (!(await isSiteAdmin(db, deps.admins, user, site.id))) {
        throw new Refusal('forbidden', 'Only an admin of this site can pin comments.');
      }
      return pin(comment, body.pinned, user.id);
    })

    .endpoint('PUT /admin/api/comments/:id/pinned', async (c, { params, body }) => {
      const comment = await getComment(db, params.id);
      if (!comment || comment.status === 'deleted') throw new Refusal('not_found', 'No such comment.');
      if (!moderates(c, comment.siteId)) throw new Refusal('forbidden', 'You do not moderate this site.');
      return pin(comment, body.pinned, c.get('user')!.id);
    })

    .endpoint('GET /api/sites/:site/comments/:id/context', async (c, { params }) => {
      const site = c.get('site');
      const user = c.get('user');
      const viewer = user
        ? { userId: user.id, admin: await isSiteAdmin(db, deps.admins, user, site.id) }
        : null;
      const linked = await getComment(db, params.id);
      if (!linked || linked.siteId !== site.id) throw new Refusal('not_found', 'No such comment.');
      const slice = await listThread(db, {
        siteId: site.id,
        pageKey: linked.pageKey,
        only: linked.parentId ?? linked.id,
        limit: 1,
        replies: REPLIES_SHOWN,
        viewer,
      });
      const top = slice.comments[0];
      if (!top) throw new Refusal('not_found', 'No such comment.');
      let replies = top.replies;
      if (linked.parentId !== null && !replies.some((r) => r.id === linked.id)) {
        // A reply past the first few: it joins them; "Показать ещё ответы" still starts after
        // the first few and brings the ones in between (the widget keeps each once).
        const row = await selectComments(db).where('c.id', '=', linked.id).executeTakeFirstOrThrow();
        const visible =
          row.status === 'published' ||
          (viewer !== null && row.status !== 'deleted' && (viewer.admin || row.author_id === viewer.userId));
        if (!visible) throw new Refusal('not_found', 'No such comment.');
        replies = [...replies, commentView(row, 'reader')];
      }
      c.header('Cache-Control', user ? 'private, no-cache' : 'no-cache');
      c.header('Vary', 'Authorization', { append: true });
      const [comment] = await withMine(db, user?.id, [
        { ...top, replies, repliesCursor: top.repliesCursor && encodeCursor(top.repliesCursor) },
      ]);
      return { comment: comment!, target: linked.id };
    });
}
