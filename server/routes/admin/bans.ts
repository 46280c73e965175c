/**
 * A site's bans in the panel (shared/contract/admin.ts): its admins see the bans that hold and
 * lift them, each lifting written to the audit log in the same transaction.
 */
import type { Deps } from '../../deps.ts';
import { requireSiteRole } from '../../http/admin-session.ts';
import { Endpoints } from '../../http/endpoint.ts';
import { randomId } from '../../ids.ts';
import { Refusal } from '../../refusal.ts';
import { writeAudit } from '../../storage/audit.ts';
import { liftBans, listSiteBans } from '../../storage/bans.ts';

export function adminBanRoutes(deps: Pick<Deps, 'db' | 'clock'>) {
  return new Endpoints()
    .endpoint('GET /admin/api/sites/:site/bans', async (c, { params }) => {
      requireSiteRole(c, params.site, 'moderator');
      return { bans: await listSiteBans(deps.db, params.site, deps.clock.now()) };
    })
    .endpoint('DELETE /admin/api/sites/:site/bans/:userId', async (c, { params }) => {
      requireSiteRole(c, params.site, 'moderator');
      const actorId = c.get('user')!.id;
      const now = deps.clock.now();
      const lifted = await deps.db.transaction().execute(async (tx) => {
        const count = await liftBans(tx, params.site, params.userId, now);
        if (count > 0) {
          await writeAudit(
            tx,
            {
              id: randomId(),
              siteId: params.site,
              actorId,
              action: 'unban',
              commentId: null,
              targetUserId: params.userId,
              reason: null,
            },
            now,
          );
        }
        return count;
      });
      if (lifted === 0) throw new Refusal('not_found', 'No ban of this user holds on this site.');
      return c.body(null, 204);
    });
}
