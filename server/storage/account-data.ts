/**
 * What a reader downloads about themselves (shared/api.ts AccountExport; docs/privacy.md): the
 * account as stored (but the password's hash), every comment and complaint of theirs on every
 * site of this server, since an account is one across them, and their notifications.
 */
import type { Kysely } from 'kysely';
import type { AccountExport, CommentStatus } from '../../shared/api.ts';
import { exportNotifications } from './notifications.ts';
import type { Database } from './schema.ts';

export async function accountData(
  db: Kysely<Database>,
  userId: string,
  now: number,
): Promise<AccountExport | undefined> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'phone', 'created_at'])
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!user) return undefined;
  const sessions = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  const comments = await db
    .selectFrom('comments as c')
    .leftJoin('pages as p', (join) =>
      join.onRef('p.site_id', '=', 'c.site_id').onRef('p.page_key', '=', 'c.page_key'),
    )
    .select([
      'c.id',
      'c.site_id',
      'c.page_key',
      'p.title',
      'p.url',
      'c.parent_id',
      'c.text',
      'c.status',
      'c.created_at',
      'c.edited_at',
    ])
    .where('c.author_id', '=', userId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  const complaints = await db
    .selectFrom('complaints as r')
    .innerJoin('comments as c', 'c.id', 'r.comment_id')
    .select(['r.id', 'c.site_id', 'r.comment_id', 'r.reason', 'r.details', 'r.created_at'])
    .where('r.reporter_id', '=', userId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  const notices = await exportNotifications(db, userId);
  const iso = (ms: number) => new Date(Number(ms)).toISOString();
  return {
    exportedAt: iso(now),
    account: {
      id: user.id,
      name: user.display_name,
      email: user.email,
      phone: user.phone,
      createdAt: iso(user.created_at),
      sessions: Number(sessions.n),
    },
    comments: comments.map((c) => ({
      id: c.id,
      site: c.site_id,
      page: c.page_key,
      pageTitle: c.title,
      pageUrl: c.url,
      parentId: c.parent_id,
      text: c.text,
      status: c.status as CommentStatus,
      createdAt: iso(c.created_at),
      editedAt: c.edited_at === null ? null : iso(c.edited_at),
    })),
    complaints: complaints.map((r) => ({
      id: r.id,
      site: r.site_id,
      commentId: r.comment_id,
      reason: r.reason,
      details: r.details,
      createdAt: iso(r.created_at),
    })),
    notifications: notices.items,
    notificationSettings: notices.settings,
  };
}
