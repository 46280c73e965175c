import type { Kysely } from 'kysely';
import { PINNED_MAX } from '../../shared/limits.ts';
import { randomId } from '../ids.ts';
import { writeAudit } from '../storage/audit.ts';
import { lockPage } from '../storage/pages.ts';
import type { Database } from '../storage/schema.ts';

export type PinOutcome = 'changed' | 'unchanged' | 'limit';

/**
 * Pins a top-level comment to the top of its thread or unpins it, from the panel or the widget:
 * the change and its audit-log entry in one transaction, under the page's row lock (which bumps
 * the page's version, so ETags and the cached first page change) so that two admins pinning at
 * once cannot pass PINNED_MAX together. Nothing is logged when nothing changes.
 */
export async function pinComment(
  db: Kysely<Database>,
  change: { id: string; siteId: string; pageKey: string; pinned: boolean; actorId: string },
  now: number,
): Promise<PinOutcome> {
  return db.transaction().execute(async (tx) => {
    await lockPage(tx, change.siteId, change.pageKey);
    const row = await tx
      .selectFrom('comments')
      .select('pinned_at')
      .where('id', '=', change.id)
      .executeTakeFirstOrThrow();
    if ((row.pinned_at !== null) === change.pinned) return 'unchanged';
    if (change.pinned) {
      const pinned = await tx
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('site_id', '=', change.siteId)
        .where('page_key', '=', change.pageKey)
        .where('pinned_at', 'is not', null)
        .where('status', '<>', 'deleted')
        .executeTakeFirstOrThrow();
      if (Number(pinned.n) >= PINNED_MAX) return 'limit';
    }
    await tx
      .updateTable('comments')
      .set({ pinned_at: change.pinned ? now : null })
      .where('id', '=', change.id)
      .execute();
    await writeAudit(
      tx,
      {
        id: randomId(),
        siteId: change.siteId,
        actorId: change.actorId,
        action: change.pinned ? 'pin' : 'unpin',
        commentId: change.id,
        targetUserId: null,
        reason: null,
      },
      now,
    );
    return 'changed';
  });
}
