/** Readers report comments (shared/contract/comments.ts), signed in. */
import { assertNotBanned } from '../auth/not-banned.ts';
import { complaintWait } from '../auth/posting-limits.ts';
import { announceComplaint } from '../delivery/webhook.ts';
import type { Deps } from '../deps.ts';
import { networkOf } from '../http/client-ip.ts';
import { Endpoints, reply } from '../http/endpoint.ts';
import { randomId } from '../ids.ts';
import { Refusal, rateLimited } from '../refusal.ts';
import { getComment } from '../storage/comments.ts';
import { fileComplaint } from '../storage/complaints.ts';

export function complaintRoutes(deps: Deps) {
  const { db, clock } = deps;
  return new Endpoints().endpoint('POST /api/sites/:site/comments/:id/complaints', async (c, input) => {
    const { params, body } = input;
    const details = body.details ?? '';
    // "Other" needs words; the listed reasons speak for themselves.
    if (body.reason === 'other' ? details.length === 0 : details.length > 0) {
      throw new Refusal('complaint_invalid');
    }
    const site = c.get('site');
    const user = c.get('user')!;
    const comment = await getComment(db, params.id);
    // A comment in review may still be on a reader's screen from before; hidden and deleted ones are not.
    if (!comment || comment.siteId !== site.id || !['published', 'review'].includes(comment.status)) {
      throw new Refusal('not_found', 'No such comment.');
    }
    if (comment.author.id === user.id) throw new Refusal('forbidden', 'You cannot report your own comment.');
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
    if (status === 'already_reported') return reply(200, { status });
    await announceComplaint(deps, {
      siteId: site.id,
      commentId: comment.id,
      reason: body.reason,
      details: details || null,
      actor: { id: user.id, name: user.displayName },
      at: now,
    });
    return { status };
  });
}
