import { REPLIES_PAGE_SIZE } from '../../shared/limits.ts';
import { isSiteAdmin } from '../auth/admins.ts';
import type { Deps } from '../deps.ts';
import { Endpoints } from '../http/endpoint.ts';
import { Refusal } from '../refusal.ts';
import { getComment, listReplies } from '../storage/comments.ts';
import { withMine } from '../storage/reactions.ts';
import { decodeCursor, encodeCursor } from './threads.ts';

/**
 * "Показать ещё ответы" (shared/contract/threads.ts): the next replies of a top-level comment of
 * the site, visible to this reader as in the thread page.
 */
export function repliesRoutes(deps: Pick<Deps, 'db' | 'admins'>) {
  const { db } = deps;
  return new Endpoints().endpoint(
    'GET /api/sites/:site/comments/:id/replies',
    async (c, { params, query }) => {
      const site = c.get('site');
      const user = c.get('user');
      const parent = await getComment(db, params.id);
      if (!parent || parent.siteId !== site.id || parent.parentId !== null) {
        throw new Refusal('not_found', 'No such comment.');
      }
      const viewer = user
        ? { userId: user.id, admin: await isSiteAdmin(db, deps.admins, user, site.id) }
        : null;
      const page = await listReplies(db, {
        parentId: parent.id,
        after: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: REPLIES_PAGE_SIZE,
        viewer,
      });
      // As the thread read: a signed-in reader's page holds what only they may see.
      c.header('Cache-Control', user ? 'private, no-cache' : 'no-cache');
      if (user) c.header('Vary', 'Authorization', { append: true });
      const replies = await withMine(db, user?.id, page.replies);
      return { replies, nextCursor: page.next && encodeCursor(page.next) };
    },
  );
}
