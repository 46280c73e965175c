/**
 * Closing a thread (shared/contract/admin.ts): a site's admin closes a page to new comments, or
 * reopens it, each change written to the audit log in the same transaction. Closing bumps the
 * page's version, so the thread's ETag and cached first page change with it.
 */
import type { Deps } from '../../deps.ts';
import { moderates } from '../../http/admin-session.ts';
import { Endpoints } from '../../http/endpoint.ts';
import { randomId } from '../../ids.ts';
import { Refusal } from '../../refusal.ts';
import { writeAudit } from '../../storage/audit.ts';
import { setPageClosed } from '../../storage/pages.ts';

export function adminPageCloseRoutes(deps: Pick<Deps, 'db' | 'clock'>) {
  return new Endpoints().endpoint('PUT /admin/api/sites/:site/pages/closed', async (c, { params, body }) => {
    if (!moderates(c, params.site)) throw new Refusal('forbidden', 'You do not moderate this site.');
    const actorId = c.get('user')!.id;
    const now = deps.clock.now();
    await deps.db.transaction().execute(async (tx) => {
      const result = await setPageClosed(tx, params.site, body.page, body.closed ? now : null);
      if (!result.found)
        throw new Refusal('not_found', 'No comments on this page: there is no thread to close.');
      if (!result.changed) return;
      await writeAudit(
        tx,
        {
          id: randomId(),
          siteId: params.site,
          actorId,
          action: body.closed ? 'close' : 'reopen',
          commentId: null,
          targetUserId: null,
          reason: body.page,
        },
        now,
      );
    });
    return { site: params.site, page: body.page, closed: body.closed };
  });
}
