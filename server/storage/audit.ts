import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../shared/api.ts';
import type { Database } from './schema.ts';

export interface NewAuditEntry {
  id: string;
  siteId: string;
  actorId: string;
  action: AuditEntry['action'];
  commentId: string | null;
  targetUserId: string | null;
  reason: string | null;
  /** Bans only: when it ends, null for good. */
  banUntil?: number | null;
}

/** Who did what, when and why. Written in the same transaction as the action it records. */
export async function writeAudit(db: Kysely<Database>, entry: NewAuditEntry, now: number): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: entry.id,
      site_id: entry.siteId,
      actor_id: entry.actorId,
      action: entry.action,
      comment_id: entry.commentId,
      target_user_id: entry.targetUserId,
      reason: entry.reason,
      ban_until: entry.banUntil ?? null,
      created_at: now,
    })
    .execute();
}

/** How much of a comment's text an audit entry shows: enough to recognise it. */
export const AUDIT_EXCERPT_LENGTH = 140;

/** The text on one line, cut at a word near the limit (never inside a surrogate pair). */
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  if (chars.length <= AUDIT_EXCERPT_LENGTH) return line;
  const cut = chars.slice(0, AUDIT_EXCERPT_LENGTH).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > AUDIT_EXCERPT_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface AuditCursor {
  createdAt: number;
  id: string;
}

/** Newest first, keyset by (created_at, id); `sites` "all" for a global admin. */
export async function listAudit(
  db: Kysely<Database>,
  q: { sites: 'all' | string[]; targetUserId?: string; before?: AuditCursor; limit: number },
): Promise<{ entries: AuditEntry[]; next: AuditCursor | null }> {
  if (q.sites !== 'all' && q.sites.length === 0) return { entries: [], next: null };
  const rows = await db
    .selectFrom('audit_log as a')
    .innerJoin('users as u', 'u.id', 'a.actor_id')
    .leftJoin('comments as c', 'c.id', 'a.comment_id')
    .leftJoin('pages as p', (join) =>
      join.onRef('p.site_id', '=', 'c.site_id').onRef('p.page_key', '=', 'c.page_key'),
    )
    .selectAll('a')
    .select(['u.display_name', 'c.text as comment_text', 'p.url as page_url', 'p.title as page_title'])
    .$if(q.sites !== 'all', (qb) => qb.where('a.site_id', 'in', q.sites as string[]))
    .$if(q.targetUserId !== undefined, (qb) => qb.where('a.target_user_id', '=', q.targetUserId!))
    .$if(q.before !== undefined, (qb) =>
      qb.where((eb) =>
        eb(eb.refTuple('a.created_at', 'a.id'), '<', eb.tuple(q.before!.createdAt, q.before!.id)),
      ),
    )
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const entries = rows.slice(0, q.limit).map(
    (row): AuditEntry => ({
      id: row.id,
      site: row.site_id,
      actor: { id: row.actor_id, name: row.display_name },
      action: row.action,
      commentId: row.comment_id,
      targetUserId: row.target_user_id,
      reason: row.reason,
      createdAt: Number(row.created_at),
      ...(row.comment_text !== null && row.page_url !== null
        ? {
            comment: {
              text: excerpt(row.comment_text),
              page: { url: row.page_url, title: row.page_title ?? '' },
            },
          }
        : {}),
      ...(row.action === 'ban' ? { banUntil: row.ban_until === null ? null : Number(row.ban_until) } : {}),
    }),
  );
  const last = entries.at(-1);
  return { entries, next: rows.length > q.limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}
