import { THREAD_PAGE_SIZE } from '../../shared/limits.ts';
import { isSiteAdmin } from '../auth/admins.ts';
import type { Deps } from '../deps.ts';
import { Endpoints } from '../http/endpoint.ts';
import { getPageTotal, listThread, type ThreadCursor } from '../storage/comments.ts';

/**
 * A page of a thread (shared/contract/threads.ts): a signed-in reader also gets their own
 * withheld comments, an admin of the site all of them, marked.
 */
export function threadRoutes(deps: Pick<Deps, 'db' | 'admins'>) {
  const { db } = deps;
  return new Endpoints().endpoint('GET /api/sites/:site/comments', async (c, { query }) => {
    const site = c.get('site');
    const user = c.get('user');
    const viewer = user
      ? { userId: user.id, admin: await isSiteAdmin(db, deps.admins, user, site.id) }
      : null;
    const [slice, total] = await Promise.all([
      listThread(db, {
        siteId: site.id,
        pageKey: query.page,
        before: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: THREAD_PAGE_SIZE,
        viewer,
      }),
      getPageTotal(db, site.id, query.page),
    ]);
    // Readers may post at any moment: browsers must ask again rather than reuse an old thread.
    // A signed-in reader's thread holds what only they may see: no shared cache may keep it.
    if (c.req.header('authorization') !== undefined) {
      c.header('Cache-Control', 'private, no-cache');
      c.header('Vary', 'Authorization', { append: true });
    } else {
      c.header('Cache-Control', 'no-cache');
    }
    return {
      page: query.page,
      config: {
        defaultCountry: site.defaultCountry,
        commentMaxLength: site.settings.commentMaxLength,
        ...(site.settings.privacyPolicyUrl ? { privacyPolicyUrl: site.settings.privacyPolicyUrl } : {}),
      },
      ...(viewer ? { viewer } : {}),
      total,
      comments: slice.comments,
      nextCursor: slice.next ? `${slice.next.createdAt}.${slice.next.id}` : null,
    };
  });
}

function decodeCursor(cursor: string): ThreadCursor {
  const dot = cursor.indexOf('.');
  return { createdAt: Number(cursor.slice(0, dot)), id: cursor.slice(dot + 1) };
}
