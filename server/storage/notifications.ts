/**
 * What readers are told (server/notifications/): a row per reply to a reader's comment and per
 * decision on a comment they reported, written in the transaction of the reply or the decision;
 * the reader's email setting and language. A reply's text is read live from the comment, so a
 * reply hidden or deleted later no longer shows in the list.
 */
import type { Kysely } from 'kysely';
import type { NotificationView } from '../../shared/api.ts';
import { defaultLanguage, isLanguage, type Language } from '../../shared/i18n/languages.ts';
import type { ComplaintOutcome, NotificationKind } from '../../shared/vocabulary.ts';
import { enqueueDigest } from './email-outbox.ts';
import type { Database } from './schema.ts';

/** The list shows a reader's latest notifications on the site. */
export const NOTIFICATIONS_SHOWN = 30;

export interface NewNotification {
  id: string;
  userId: string;
  siteId: string;
  kind: NotificationKind;
  commentId: string;
  replyId: string | null;
  outcome: ComplaintOutcome | null;
}

/** Inside the caller's transaction; replies to a reader with an email turned on join their digest. */
export async function addNotifications(
  tx: Kysely<Database>,
  rows: NewNotification[],
  now: number,
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('notifications')
    .values(
      rows.map((n) => ({
        id: n.id,
        user_id: n.userId,
        site_id: n.siteId,
        kind: n.kind,
        comment_id: n.commentId,
        reply_id: n.replyId,
        outcome: n.outcome,
        created_at: now,
        read_at: null,
        emailed_at: null,
      })),
    )
    .execute();
  const replied = [...new Set(rows.filter((n) => n.kind === 'reply').map((n) => n.userId))];
  if (replied.length === 0) return;
  const emailable = await tx
    .selectFrom('users as u')
    .leftJoin('notification_settings as s', 's.user_id', 'u.id')
    .select(['u.id', 's.last_email_at'])
    .where('u.id', 'in', replied)
    .where('u.email', 'is not', null)
    .where('u.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('s.email_off', 'is', null), eb('s.email_off', '=', 0)]))
    .execute();
  for (const reader of emailable) {
    const last = reader.last_email_at === null ? null : Number(reader.last_email_at);
    await enqueueDigest(tx, reader.id, last, now);
  }
}

/** Live, not erased accounts among `ids`, with a contact (an imported guest author has none). */
export async function reachableUsers(tx: Kysely<Database>, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .selectFrom('users')
    .select('id')
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('email', 'is not', null), eb('phone', 'is not', null)]))
    .execute();
  return rows.map((r) => r.id);
}

/** The reader's latest notifications on the site, newest first. */
export async function listNotifications(
  db: Kysely<Database>,
  userId: string,
  siteId: string,
  limit = NOTIFICATIONS_SHOWN,
): Promise<NotificationView[]> {
  const rows = await db
    .selectFrom('notifications as n')
    .leftJoin('comments as r', 'r.id', 'n.reply_id')
    .leftJoin('users as a', 'a.id', 'r.author_id')
    .innerJoin('comments as c', 'c.id', 'n.comment_id')
    .leftJoin('pages as p', (join) =>
      join.onRef('p.site_id', '=', 'c.site_id').onRef('p.page_key', '=', 'c.page_key'),
    )
    .select([
      'n.id',
      'n.kind',
      'n.outcome',
      'n.created_at',
      'n.read_at',
      'n.comment_id',
      'n.reply_id',
      'r.text as reply_text',
      'r.status as reply_status',
      'a.display_name as reply_author',
      'a.deleted_at as reply_author_deleted',
      'p.title',
      'p.url',
    ])
    .where('n.user_id', '=', userId)
    .where('n.site_id', '=', siteId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const target = r.kind === 'reply' ? r.reply_id! : r.comment_id;
    const view: NotificationView = {
      id: r.id,
      kind: r.kind,
      createdAt: Number(r.created_at),
      read: r.read_at !== null,
      pageTitle: r.title ?? '',
      link: permalink(r.url ?? '', target),
    };
    if (r.kind === 'reply') {
      // Only a reply readers can see shows its words; a hidden or deleted one shows none.
      const shown = r.reply_status === 'published';
      view.reply = {
        author: shown && r.reply_author_deleted === null ? (r.reply_author ?? '') : '',
        text: shown ? (r.reply_text ?? '') : null,
      };
    } else view.outcome = r.outcome ?? 'left';
    return view;
  });
}

/** `<page url>#pikir-<comment id>`: the widget scrolls to the comment and highlights it. */
export function permalink(pageUrl: string, commentId: string): string {
  return `${pageUrl.split('#')[0]}#pikir-${commentId}`;
}

export async function unreadCount(db: Kysely<Database>, userId: string, siteId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('site_id', '=', siteId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the reader's own notifications among `ids` read; others' ids change nothing. */
export async function markRead(
  db: Kysely<Database>,
  userId: string,
  siteId: string,
  ids: string[],
  now: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('site_id', '=', siteId)
    .where('id', 'in', ids)
    .where('read_at', 'is', null)
    .execute();
}

export interface NotificationSettings {
  emailOn: boolean;
  lang: Language;
  lastEmailAt: number | null;
}

export async function notificationSettings(
  db: Kysely<Database>,
  userId: string,
): Promise<NotificationSettings> {
  const row = await db
    .selectFrom('notification_settings')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return {
    emailOn: !row || Number(row.email_off) === 0,
    lang: isLanguage(row?.lang) ? row.lang : defaultLanguage,
    lastEmailAt: row?.last_email_at == null ? null : Number(row.last_email_at),
  };
}

/** Turns the reader's reply emails on or off; off also drops the digest waiting for them. */
export async function setEmailOn(db: Kysely<Database>, userId: string, on: boolean): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('notification_settings')
      .values({ user_id: userId, email_off: on ? 0 : 1, lang: null, last_email_at: null })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ email_off: on ? 0 : 1 }))
      .execute();
    if (!on)
      await tx
        .deleteFrom('email_outbox')
        .where('user_id', '=', userId)
        .where('status', '=', 'pending')
        .execute();
  });
}

/** The language the reader's widget shows, kept for their emails; written only when it changes. */
export async function rememberLanguage(db: Kysely<Database>, userId: string, lang: Language): Promise<void> {
  await db
    .insertInto('notification_settings')
    .values({ user_id: userId, email_off: 0, lang, last_email_at: null })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ lang })
        .where((eb) =>
          eb.or([eb('notification_settings.lang', 'is', null), eb('notification_settings.lang', '!=', lang)]),
        ),
    )
    .execute();
}

/** The reader's notifications on every site, for the account's download (storage/account-data.ts). */
export async function exportNotifications(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom('notifications')
    .select([
      'id',
      'site_id',
      'kind',
      'comment_id',
      'reply_id',
      'outcome',
      'created_at',
      'read_at',
      'emailed_at',
    ])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const settings = await notificationSettings(db, userId);
  const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
  return {
    settings: { email: settings.emailOn, language: settings.lang },
    items: rows.map((r) => ({
      id: r.id,
      site: r.site_id,
      kind: r.kind,
      commentId: r.comment_id,
      replyId: r.reply_id,
      outcome: r.outcome,
      createdAt: iso(r.created_at)!,
      readAt: iso(r.read_at),
      emailedAt: iso(r.emailed_at),
    })),
  };
}

/** Everything of the reader's notifications, for the account's erasure (storage/account-erasure.ts). */
export async function eraseNotifications(tx: Kysely<Database>, userId: string): Promise<void> {
  await tx.deleteFrom('email_outbox').where('user_id', '=', userId).execute();
  await tx.deleteFrom('notifications').where('user_id', '=', userId).execute();
  await tx.deleteFrom('notification_settings').where('user_id', '=', userId).execute();
}
