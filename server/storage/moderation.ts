import type { Kysely } from 'kysely';
import type { CommentStatus, ModerationAction } from '../../shared/api.ts';
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
    await applyStatus(
      tx,
      comment,
      { status: statusAfter(decision.action, comment.status), settle: true },
      now,
    );
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
