import type { Kysely } from 'kysely';
import type { CommentStatus, ModerationAction } from '../../shared/api.ts';
import { notifyReply } from '../notifications/replies.ts';
import { tellReporters } from '../notifications/reporters.ts';
import { writeAudit } from './audit.ts';
import { insertBan } from './bans.ts';
import { applyStatus, type CommentRecord } from './comments.ts';
import type { Database } from './schema.ts';

export interface Decision {
  comment: CommentRecord;
  action: ModerationAction['action'];
  actorId: string;
  reason: string | null;
  /** Bans the comment's author from its site; `until` null: for good. */
  ban?: { until: number | null; reason: string } | undefined;
}

/**
 * An admin's decision on a comment, in one transaction: the status change, its complaints closed,
 * the page recounted, the ban, and an audit entry for each. Dismissing or unhiding returns a
 * withheld comment to readers; restoring brings back a deleted one (checked by the caller).
 */
export async function moderate(
  db: Kysely<Database>,
  decision: Decision,
  now: number,
  newId: () => string,
): Promise<void> {
  const { comment } = decision;
  await db.transaction().execute(async (tx) => {
    const status = statusAfter(decision.action, comment.status);
    // Before applyStatus closes the complaints: their reporters are told the outcome.
    const outcome = status === 'published' ? 'left' : 'removed';
    await tellReporters(
      tx,
      { siteId: comment.siteId, commentId: comment.id, actorId: decision.actorId, outcome },
      now,
    );
    await applyStatus(tx, comment, { status, settle: true }, now);
    // A held reply told no one when it was posted: its approval does.
    if (decision.action === 'approve' && comment.parentId) {
      const replier = { id: comment.author.id, email: null, phone: null };
      const reply = { siteId: comment.siteId, replyId: comment.id, replier, repliedToId: comment.parentId };
      await notifyReply(tx, [], reply, now);
    }
    await writeAudit(
      tx,
      {
        id: newId(),
        siteId: comment.siteId,
        actorId: decision.actorId,
        action: decision.action,
        commentId: comment.id,
        targetUserId: comment.author.id,
        reason: decision.reason,
      },
      now,
    );
    if (!decision.ban) return;
    await insertBan(
      tx,
      {
        id: newId(),
        siteId: comment.siteId,
        userId: comment.author.id,
        until: decision.ban.until,
        reason: decision.ban.reason,
        actorId: decision.actorId,
      },
      now,
    );
    await writeAudit(
      tx,
      {
        id: newId(),
        siteId: comment.siteId,
        actorId: decision.actorId,
        action: 'ban',
        commentId: comment.id,
        targetUserId: comment.author.id,
        reason: decision.ban.reason,
        banUntil: decision.ban.until,
      },
      now,
    );
  });
}

function statusAfter(action: Decision['action'], current: CommentStatus): CommentStatus {
  if (action === 'restore' || action === 'approve') return 'published';
  if (action === 'reject') return 'rejected';
  if (current === 'deleted' || action === 'delete') return 'deleted';
  return action === 'hide' ? 'hidden' : 'published';
}
