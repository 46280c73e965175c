/**
 * "Ваша жалоба рассмотрена": when an admin decides on a comment, everyone whose complaint about it
 * was still open is told the outcome, in the decision's transaction (storage/moderation.ts) and
 * before its complaints are closed. Widget only, never email or SMS.
 */
import type { Kysely } from 'kysely';
import type { ComplaintOutcome } from '../../shared/vocabulary.ts';
import { randomId } from '../ids.ts';
import { addNotifications, reachableUsers } from '../storage/notifications.ts';
import type { Database } from '../storage/schema.ts';

export interface DecidedComment {
  siteId: string;
  commentId: string;
  actorId: string;
  outcome: ComplaintOutcome;
}

export async function tellReporters(
  tx: Kysely<Database>,
  decided: DecidedComment,
  now: number,
): Promise<void> {
  const rows = await tx
    .selectFrom('complaints')
    .select('reporter_id')
    .distinct()
    .where('comment_id', '=', decided.commentId)
    .where('closed_at', 'is', null)
    .where('reporter_id', '!=', decided.actorId)
    .execute();
  const reporters = await reachableUsers(
    tx,
    rows.map((r) => r.reporter_id),
  );
  await addNotifications(
    tx,
    reporters.map((userId) => ({
      id: randomId(),
      userId,
      siteId: decided.siteId,
      kind: 'complaint_decided' as const,
      commentId: decided.commentId,
      replyId: null,
      outcome: decided.outcome,
    })),
    now,
  );
}
