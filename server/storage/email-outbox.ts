/**
 * The email outbox of reply notifications: at most one digest waits per reader (a unique index
 * over pending rows), due a minute at most after the reply that made it, and never sooner than
 * 10 minutes after the reader's last email; replies that come meanwhile are gathered into it. The
 * email worker (delivery/notification-worker.ts) claims digests as the webhook worker claims its
 * deliveries (outbox-claim.ts), composes each from the notifications not yet emailed when it
 * sends, and on success marks them emailed; an outage of the mail server only delays them.
 */
import { type Kysely, sql } from 'kysely';
import { defaultLanguage, isLanguage, type Language } from '../../shared/i18n/languages.ts';
import { randomId } from '../ids.ts';
import { type Claim, claimDue, retryOrGiveUp } from './outbox-claim.ts';
import type { Database } from './schema.ts';

/** A reader gets at most one email in this long. */
export const EMAIL_GAP_MS = 10 * 60_000;
/** Given-up digests are kept a month for the operator, then deleted. */
const KEEP_FAILED_MS = 30 * 24 * 3600_000;

/** Inside the reply's transaction: a digest for the reader, unless one is already waiting. */
export async function enqueueDigest(
  tx: Kysely<Database>,
  userId: string,
  lastEmailAt: number | null,
  now: number,
): Promise<void> {
  await tx
    .insertInto('email_outbox')
    .values({
      id: randomId(),
      user_id: userId,
      status: 'pending',
      attempts: 0,
      next_attempt_at: dueAt(lastEmailAt, now),
      created_at: now,
    })
    .onConflict((oc) => oc.column('user_id').where('status', '=', sql.lit('pending')).doNothing())
    .execute();
}

/** At once, unless the reader's last email was less than EMAIL_GAP_MS ago. */
function dueAt(lastEmailAt: number | null, now: number): number {
  return lastEmailAt === null ? now : Math.max(now, lastEmailAt + EMAIL_GAP_MS);
}

export interface ClaimedDigest extends Claim {
  userId: string;
}

export async function claimDigests(
  db: Kysely<Database>,
  now: number,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDigest[]> {
  const claims = await claimDue(db, 'email_outbox', now, limit, leaseMs);
  if (claims.length === 0) return [];
  const rows = await db
    .selectFrom('email_outbox')
    .select(['id', 'user_id'])
    .where(
      'id',
      'in',
      claims.map((c) => c.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r.user_id]));
  return claims.flatMap((c) => (byId.has(c.id) ? [{ ...c, userId: byId.get(c.id)! }] : []));
}

export interface DigestReply {
  notificationId: string;
  siteName: string;
  pageTitle: string;
  pageUrl: string;
  replyId: string;
  author: string;
  text: string;
  createdAt: number;
}

export interface Digest {
  to: string;
  lang: Language;
  replies: DigestReply[];
}

/**
 * What the digest holds now: the reader's replies not yet emailed nor read in the widget, whose
 * reply readers can still see. Null when there is nothing to send (or no one to send it to).
 */
export async function digestContent(db: Kysely<Database>, userId: string): Promise<Digest | null> {
  const reader = await db
    .selectFrom('users as u')
    .leftJoin('notification_settings as s', 's.user_id', 'u.id')
    .select(['u.email', 'u.deleted_at', 's.email_off', 's.lang'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!reader?.email || reader.deleted_at !== null || Number(reader.email_off ?? 0) === 1) return null;
  const rows = await db
    .selectFrom('notifications as n')
    .innerJoin('comments as r', 'r.id', 'n.reply_id')
    .innerJoin('users as a', 'a.id', 'r.author_id')
    .innerJoin('sites as s', 's.id', 'n.site_id')
    .leftJoin('pages as p', (join) =>
      join.onRef('p.site_id', '=', 'r.site_id').onRef('p.page_key', '=', 'r.page_key'),
    )
    .select([
      'n.id',
      'n.created_at',
      'r.id as reply_id',
      'r.text',
      'a.display_name',
      'a.deleted_at',
      's.name as site_name',
      'p.title',
      'p.url',
    ])
    .where('n.user_id', '=', userId)
    .where('n.kind', '=', 'reply')
    .where('n.emailed_at', 'is', null)
    .where('n.read_at', 'is', null)
    .where('r.status', '=', 'published')
    .orderBy('n.created_at')
    .orderBy('n.id')
    .limit(50)
    .execute();
  if (rows.length === 0) return null;
  return {
    to: reader.email,
    lang: isLanguage(reader.lang) ? reader.lang : defaultLanguage,
    replies: rows.map((r) => ({
      notificationId: r.id,
      siteName: r.site_name,
      pageTitle: r.title ?? '',
      pageUrl: r.url ?? '',
      replyId: r.reply_id,
      author: r.deleted_at === null ? r.display_name : '',
      text: r.text,
      createdAt: Number(r.created_at),
    })),
  };
}

/**
 * The digest went out: its replies are emailed, the reader's 10 minutes start. Replies that came
 * while it was being sent keep the row, due when the 10 minutes are over; otherwise it goes.
 */
export async function digestSent(
  db: Kysely<Database>,
  digest: ClaimedDigest,
  notificationIds: string[],
  now: number,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    if (notificationIds.length > 0)
      await tx
        .updateTable('notifications')
        .set({ emailed_at: now })
        .where('id', 'in', notificationIds)
        .execute();
    await tx
      .insertInto('notification_settings')
      .values({ user_id: digest.userId, email_off: 0, lang: null, last_email_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_email_at: now }))
      .execute();
    const waiting = await tx
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', digest.userId)
      .where('kind', '=', 'reply')
      .where('emailed_at', 'is', null)
      .where('read_at', 'is', null)
      .limit(1)
      .executeTakeFirst();
    if (!waiting) {
      await tx.deleteFrom('email_outbox').where('id', '=', digest.id).execute();
      return;
    }
    await tx
      .updateTable('email_outbox')
      .set({
        attempts: 0,
        next_attempt_at: now + EMAIL_GAP_MS,
        locked_until: null,
        last_error: null,
        created_at: now,
      })
      .where('id', '=', digest.id)
      .execute();
  });
}

/** Nothing to send (all read, hidden, or the reader turned emails off). */
export async function dropDigest(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('email_outbox').where('id', '=', id).execute();
}

export function digestFailed(
  db: Kysely<Database>,
  digest: ClaimedDigest,
  error: string,
  now: number,
): Promise<'retry' | 'failed'> {
  return retryOrGiveUp(db, 'email_outbox', digest, error, now);
}

export async function sweepDigests(db: Kysely<Database>, now: number): Promise<void> {
  await db
    .deleteFrom('email_outbox')
    .where('status', '=', 'failed')
    .where('finished_at', '<', now - KEEP_FAILED_MS)
    .execute();
}
