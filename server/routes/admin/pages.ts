/**
 * Closing a thread (shared/contract/admin.ts): a site's admin closes a page to new comments, or
 * reopens it, each change written to the audit log in the same transaction. Closing bumps the
 * page's version, so the thread's ETag and cached first page change with it.
 */
import type { Deps } from '../../deps.ts';
import { requireSiteRole } from '../../http/admin-session.ts';
import { Endpoints } from '../../http/endpoint.ts';
import { closeThread } from '../../moderation/close-thread.ts';
import { Refusal } from '../../refusal.ts';

export function adminPageCloseRoutes(deps: Pick<Deps, 'db' | 'clock'>) {
  return new Endpoints().endpoint('PUT /admin/api/sites/:site/pages/closed', async (c, { params, body }) => {
    requireSiteRole(c, params.site, 'moderator');
    const change = { siteId: params.site, page: body.page, closed: body.closed, actorId: c.get('user')!.id };
    if (!(await closeThread(deps.db, change, deps.clock.now()))) {
      throw new Refusal('not_found', 'No comments on this page: there is no thread to close.');
    }
    return { site: params.site, page: body.page, closed: body.closed };
  });
}
