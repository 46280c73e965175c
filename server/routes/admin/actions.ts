/**
 * POST /admin/api/comments/:id/actions: dismiss, hide or delete, optionally banning the author.
 * Rights are checked against the site the comment belongs to, not only the one the body names.
 */
import { Hono } from 'hono';
import type { BanDuration, QueueItem } from '../../../shared/api.ts';
import { moderationActionSchema } from '../../../shared/schemas.ts';
import { announceModeration } from '../../delivery/webhook.ts';
import type { Deps } from '../../deps.ts';
import { moderates } from '../../http/admin-session.ts';
import type { AppEnv } from '../../http/env.ts';
import { ApiError } from '../../http/errors.ts';
import { jsonBody } from '../../http/validate.ts';
import { randomId } from '../../ids.ts';
import { getComment } from '../../storage/comments.ts';
import { moderate } from '../../storage/moderation.ts';
import { queueItems } from '../../storage/queue.ts';

const DAY = 24 * 3600_000;
const BAN_LENGTH: Record<BanDuration, number | null> = { '1d': DAY, '7d': 7 * DAY, forever: null };

export function adminActionRoutes(deps: Deps) {
  const { db, clock } = deps;
  return new Hono<AppEnv>().post('/comments/:id/actions', async (c) => {
    const body = await jsonBody(c, moderationActionSchema);
    if (!moderates(c, body.site)) throw new ApiError('forbidden', 'You do not moderate this site.');
    const comment = await getComment(db, c.req.param('id'));
    // Another site's comment does not exist as far as this site's admin is concerned.
    if (!comment || comment.siteId !== body.site) throw new ApiError('not_found', 'No such comment.');
    const user = c.get('user')!;
    const now = clock.now();
    const length = body.ban ? BAN_LENGTH[body.ban.duration] : undefined;
    const ban = body.ban ? { until: length ? now + length : null, reason: body.ban.reason } : null;
    const reason = body.reason || null;
    await moderate(
      db,
      { comment, action: body.action, actorId: user.id, reason, ban: ban ?? undefined },
      now,
      randomId,
    );
    announceModeration(deps, {
      siteId: comment.siteId,
      commentId: comment.id,
      action: body.action,
      reason,
      ban,
      actor: { id: user.id, name: user.displayName },
      at: now,
    });
    const [item] = await queueItems(db, [comment.id], now);
    return c.json(item! satisfies QueueItem);
  });
}
