import type { Kysely } from 'kysely';
import { hashPassword } from '../../server/auth/passwords.ts';
import { randomId } from '../../server/ids.ts';
import { getComment, insertComment } from '../../server/storage/comments.ts';
import { fileComplaint } from '../../server/storage/complaints.ts';
import type { Database } from '../../server/storage/schema.ts';
import { getSite } from '../../server/storage/sites.ts';
import { insertUser } from '../../server/storage/users.ts';
import type { ComplaintReason } from '../../shared/api.ts';

export async function seedUser(db: Kysely<Database>, name = 'Reader', now = 0): Promise<string> {
  const id = randomId();
  await insertUser(db, { id, displayName: name }, now);
  return id;
}

/**
 * An account as registration leaves it: a normalised email or E.164 phone and, when given, the
 * argon2id hash of its password.
 */
export async function seedAccount(
  db: Kysely<Database>,
  account: { contact: string; name: string; password?: string },
  now = 0,
): Promise<string> {
  const id = randomId();
  const email = account.contact.includes('@');
  await insertUser(
    db,
    {
      id,
      displayName: account.name,
      email: email ? account.contact : null,
      phone: email ? null : account.contact,
      passwordHash: account.password === undefined ? null : await hashPassword(account.password),
    },
    now,
  );
  return id;
}

export async function seedComment(
  db: Kysely<Database>,
  c: {
    siteId: string;
    pageKey: string;
    authorId: string;
    text?: string;
    parentId?: string | null;
    at: number;
    /** The page's title and URL, kept from its first comment. */
    title?: string;
    url?: string;
  },
): Promise<string> {
  const id = randomId();
  const title = c.title ?? 'Article';
  const url = c.url ?? 'https://news.example.kz/a';
  await insertComment(
    db,
    {
      id,
      page: { siteId: c.siteId, pageKey: c.pageKey, title, url },
      parentId: c.parentId ?? null,
      authorId: c.authorId,
      text: c.text ?? `comment ${id}`,
    },
    c.at,
  );
  return id;
}

/** A reader's complaint, filed as the complaints route files it (the site's review threshold too). */
export async function seedComplaint(
  db: Kysely<Database>,
  c: { commentId: string; reporterId: string; reason: ComplaintReason; details?: string; at: number },
): Promise<void> {
  const comment = (await getComment(db, c.commentId))!;
  const site = (await getSite(db, comment.siteId))!;
  const complaint = {
    id: randomId(),
    comment,
    reporterId: c.reporterId,
    reason: c.reason,
    details: c.details ?? null,
    ipKey: '203.0.113.7',
    threshold: site.settings.complaintThreshold,
  };
  await fileComplaint(db, complaint, c.at, async () => {});
}
