/**
 * Erasing an account at its owner's request (docs/privacy.md). The users row stays, as a
 * tombstone without name, contact or password, because comments, complaints, bans and the audit
 * log point at it: moderation keeps knowing that one (now nameless) reader wrote these comments
 * and was banned, and nothing in the log names a contact. Everything else that holds the contact
 * or lets anyone act as the reader goes: sessions, reset tickets, codes, sign-in failures, the
 * send counters keyed by the contact, admin rights given to it, and the network addresses of the
 * reader's comments and complaints. Each site's setting decides the comments: kept, shown as by
 * a deleted user ("anonymise"), or deleted with their text ("remove"; one with replies stays as
 * a placeholder, as when an author deletes their own).
 */
import type { Kysely } from 'kysely';
import { contactKey } from '../../shared/contact.ts';
import { applyStatus } from './comments.ts';
import { eraseNotifications } from './notifications.ts';
import { lockPage } from './pages.ts';
import type { Database } from './schema.ts';
import { getSite } from './sites.ts';

/** One transaction: either the whole account is gone, or nothing changed. */
export async function eraseAccount(db: Kysely<Database>, userId: string, now: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const user = await tx
      .selectFrom('users')
      .select(['email', 'phone'])
      .where('id', '=', userId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!user) return;
    const contacts = [user.email, user.phone].filter((c): c is string => c !== null).map(contactKey);

    await removeComments(tx, userId, now);
    // Every thread the reader wrote in now reads differently (the author's name): a new version
    // of each page makes cached first pages and browsers' ETags of it stale.
    const pages = await tx
      .selectFrom('comments')
      .select(['site_id', 'page_key'])
      .distinct()
      .where('author_id', '=', userId)
      .orderBy('site_id')
      .orderBy('page_key')
      .execute();
    for (const page of pages) await lockPage(tx, page.site_id, page.page_key);
    await tx.updateTable('comments').set({ ip_key: null }).where('author_id', '=', userId).execute();
    await tx.updateTable('complaints').set({ ip_key: '' }).where('reporter_id', '=', userId).execute();

    await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await eraseNotifications(tx, userId);
    await tx.deleteFrom('reset_tickets').where('user_id', '=', userId).execute();
    for (const contact of contacts) {
      await tx.deleteFrom('codes').where('contact', '=', contact).execute();
      await tx.deleteFrom('sign_in_failures').where('key', '=', `contact:${contact}`).execute();
      // The contact's own send windows (auth/send-limits.ts): their keys name it.
      const windows = ['59s', '1h', '24h'].map((name) => `send:contact:${contact}|${name}`);
      await tx.deleteFrom('rate_counters').where('key', 'in', windows).execute();
      await tx.deleteFrom('site_admins').where('contact', '=', contact).execute();
    }
    await tx
      .updateTable('users')
      .set({
        display_name: '',
        email: null,
        email_key: null,
        phone: null,
        password_hash: null,
        deleted_at: now,
      })
      .where('id', '=', userId)
      .execute();
  });
}

/** On each site set to "remove", the reader's comments are deleted (text erased) and the pages recounted. */
async function removeComments(tx: Kysely<Database>, userId: string, now: number): Promise<void> {
  const sites = await tx
    .selectFrom('comments')
    .select('site_id')
    .distinct()
    .where('author_id', '=', userId)
    .execute();
  for (const { site_id } of sites) {
    const site = await getSite(tx, site_id);
    if (site?.settings.deletedAuthorComments !== 'remove') continue;
    const comments = await tx
      .selectFrom('comments')
      .select(['id', 'site_id', 'page_key'])
      .where('author_id', '=', userId)
      .where('site_id', '=', site_id)
      .orderBy('page_key')
      .execute();
    for (const c of comments) {
      await applyStatus(
        tx,
        { id: c.id, siteId: c.site_id, pageKey: c.page_key },
        { status: 'deleted', eraseText: true, settle: true },
        now,
      );
    }
  }
}
