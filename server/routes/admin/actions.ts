/**
 * An admin's decision on a reported comment (shared/contract/admin.ts): dismiss, hide or delete,
 * optionally banning the author. Rights are checked against the site the comment belongs to,
 * not only the one the body names.
 */
import type { BanDuration } from '../../../shared/api.ts';
import { RESTORE_WINDOW_MS } from '../../../shared/limits.ts';
import type { Deps } from '../../deps.ts';
import { requireSiteRole } from '../../http/admin-session.ts';
import { Endpoints } from '../../http/endpoint.ts';
import { decide } from '../../moderation/decide.ts';
import { Refusal } from '../../refusal.ts';
import { getComment } from '../../storage/comments.ts';
import { queueItems } from '../../storage/queue.ts';

const DAY = 24 * 3600_000;
const BAN_LENGTH: Record<BanDuration, number | null> = { '1d': DAY, '7d': 7 * DAY, forever: null };

export function adminActionRoutes(deps: Deps) {
  const { db, clock } = deps;
  return new Endpoints().endpoint('POST /admin/api/comments/:id/actions', async (c, { params, body }) => {
    requireSiteRole(c, body.site, 'moderator');
    const comment = await getComment(db, params.id);
    // Another site's comment does not exist as far as this site's admin is concerned.
    if (!comment || comment.siteId !== body.site) throw new Refusal('not_found', 'No such comment.');
    const user = c.get('user')!;
    const now = clock.now();
    if (body.action === 'restore') {
      const row = await db
        .selectFrom('comments')
        .select(['status', 'text', 'removed_at'])
        .where('id', '=', comment.id)
        .executeTakeFirstOrThrow();
      const removedAt = row.removed_at === null ? null : Number(row.removed_at);
      if (
        row.status !== 'deleted' ||
        row.text === '' ||
        removedAt === null ||
        now - removedAt > RESTORE_WINDOW_MS
      ) {
        throw new Refusal(
          'restore_unavailable',
          'Only a comment deleted in the last 30 days, its text kept, can be restored.',
        );
      }
    }
    const length = body.ban ? BAN_LENGTH[body.ban.duration] : undefined;
    const ban = body.ban ? { until: length ? now + length : null, reason: body.ban.reason } : null;
    const actor = { id: user.id, name: user.displayName };
    await decide(deps, { comment, action: body.action, actor, reason: body.reason || null, ban }, now);
    const [item] = await queueItems(db, [comment.id], now);
    return item!;
  });
}
