import type { Kysely } from 'kysely';
import { randomId } from '../ids.ts';
import { writeAudit } from '../storage/audit.ts';
import { setPageClosed } from '../storage/pages.ts';
import type { Database } from '../storage/schema.ts';

/**
 * Closes a page's thread to new comments or reopens it, from the panel or the widget: the change
 * and its audit-log entry in one transaction; nothing is logged when nothing changes. False when
 * the page has no comments (no thread to close).
 */
export async function closeThread(
  db: Kysely<Database>,
  change: { siteId: string; page: string; closed: boolean; actorId: string },
  now: number,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const result = await setPageClosed(tx, change.siteId, change.page, change.closed ? now : null);
    if (!result.changed) return result.found;
    await writeAudit(
      tx,
      {
        id: randomId(),
        siteId: change.siteId,
        actorId: change.actorId,
        action: change.closed ? 'close' : 'reopen',
        commentId: null,
        targetUserId: null,
        reason: change.page,
      },
      now,
    );
    return true;
  });
}
