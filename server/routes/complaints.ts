/**
 * Readers report comments. Mounted at /api/sites/:site/comments/:id/complaints behind the
 * site-origin guard, with requireUser applied at the mount.
 */
import { Hono } from 'hono';
import type { ComplaintReceived } from '../../shared/api.ts';
import { newComplaintSchema } from '../../shared/schemas.ts';
import { complaintWait } from '../auth/posting-limits.ts';
import { announceComplaint } from '../delivery/webhook.ts';
import type { Deps } from '../deps.ts';
import { networkOf } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, rateLimited } from '../http/errors.ts';
import { assertNotBanned } from '../http/not-banned.ts';
import { jsonBody } from '../http/validate.ts';
import { randomId } from '../ids.ts';
import { getComment } from '../storage/comments.ts';
import { fileComplaint } from '../storage/complaints.ts';

export function complaintRoutes(deps: Deps) {
  const { db, clock } = deps;
  return new Hono<AppEnv>().post('/', async (c) => {
    const body = await jsonBody(c, newComplaintSchema);
    const details = body.details ?? '';
    // "Other" needs words; the listed reasons speak for themselves.
    if (body.reason === 'other' ? details.length === 0 : details.length > 0) {
      throw new ApiError('complaint_invalid');
    }
    const site = c.get('site');
    const user = c.get('user')!;
    const comment = await getComment(db, c.req.param('id') ?? '');
    // A comment in review may still be on a reader's screen from before; hidden and deleted ones are not.
    if (!comment || comment.siteId !== site.id || !['published', 'review'].includes(comment.status)) {
      throw new ApiError('not_found', 'No such comment.');
    }
    if (comment.author.id === user.id) throw new ApiError('forbidden', 'You cannot report your own comment.');
    const now = clock.now();
    await assertNotBanned(db, site.id, user.id, now);
    const ip = networkOf(deps.clientIp(c));
    const status = await fileComplaint(
      db,
      {
        id: randomId(),
        comment,
        reporterId: user.id,
        reason: body.reason,
        details: details || null,
        ipKey: ip,
        threshold: site.settings.complaintThreshold,
      },
      now,
      async (tx) => {
        const wait = await complaintWait(tx, user.id, ip, now);
        if (wait > 0) throw rateLimited(wait);
      },
    );
    if (status === 'already_reported') return c.json({ status } satisfies ComplaintReceived, 200);
    announceComplaint(deps, {
      siteId: site.id,
      commentId: comment.id,
      reason: body.reason,
      details: details || null,
      actor: { id: user.id, name: user.displayName },
      at: now,
    });
    return c.json({ status } satisfies ComplaintReceived, 201);
  });
}
