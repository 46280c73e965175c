import type { Kysely } from 'kysely';
import type { ComplaintReason, ComplaintView } from '../../shared/api.ts';
import { applyStatus, lockUser } from './comments.ts';
import { lockPage } from './pages.ts';
import type { Database } from './schema.ts';

export interface NewComplaint {
  id: string;
  comment: { id: string; siteId: string; pageKey: string };
  reporterId: string;
  reason: ComplaintReason;
  details: string | null;
  ipKey: string;
  /** Open complaints from this many readers move a published comment to review. */
  threshold: number;
}

export type FiledComplaint = 'received' | 'already_reported';

/**
 * Stores a complaint once per reader and comment (the unique index decides, so two concurrent
 * sends store one) and moves the comment to review when the threshold is reached. `checks` run
 * first in the transaction, after the reporter's row is locked; what they throw aborts it.
 */
export async function fileComplaint(
  db: Kysely<Database>,
  complaint: NewComplaint,
  now: number,
  checks: (tx: Kysely<Database>) => Promise<void>,
): Promise<FiledComplaint> {
  const { comment } = complaint;
  return db.transaction().execute(async (tx) => {
    await lockUser(tx, complaint.reporterId);
    const before = await tx
      .selectFrom('complaints')
      .select('id')
      .where('comment_id', '=', comment.id)
      .where('reporter_id', '=', complaint.reporterId)
      .executeTakeFirst();
    if (before) return 'already_reported';
    await checks(tx);
    // Page before comment, the order every status change takes its locks in.
    await lockPage(tx, comment.siteId, comment.pageKey);
    const inserted = await tx
      .insertInto('complaints')
      .values({
        id: complaint.id,
        comment_id: comment.id,
        reporter_id: complaint.reporterId,
        reason: complaint.reason,
        details: complaint.details,
        ip_key: complaint.ipKey,
        created_at: now,
        closed_at: null,
      })
      .onConflict((oc) => oc.columns(['comment_id', 'reporter_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'already_reported';
    const row = await tx
      .updateTable('comments')
      .set((eb) => ({ open_complaints: eb('open_complaints', '+', 1) }))
      .where('id', '=', comment.id)
      .returning(['status', 'open_complaints'])
      .executeTakeFirstOrThrow();
    if (row.status === 'published' && Number(row.open_complaints) >= complaint.threshold) {
      await applyStatus(tx, comment, { status: 'review' }, now);
    }
    return 'received';
  });
}

/** Every complaint against a comment, oldest first, with its reporter. */
export async function listComplaints(
  db: Kysely<Database>,
  commentIds: string[],
): Promise<Map<string, ComplaintView[]>> {
  const byComment = new Map<string, ComplaintView[]>(commentIds.map((id) => [id, []]));
  if (commentIds.length === 0) return byComment;
  const rows = await db
    .selectFrom('complaints as k')
    .innerJoin('users as u', 'u.id', 'k.reporter_id')
    .select(['k.comment_id', 'k.reason', 'k.details', 'k.reporter_id', 'u.display_name', 'k.created_at'])
    .where('k.comment_id', 'in', commentIds)
    .orderBy('k.created_at', 'asc')
    .orderBy('k.id', 'asc')
    .execute();
  for (const row of rows) {
    byComment.get(row.comment_id)?.push({
      reason: row.reason as ComplaintReason,
      details: row.details,
      reporter: { id: row.reporter_id, name: row.display_name },
      createdAt: Number(row.created_at),
    });
  }
  return byComment;
}
