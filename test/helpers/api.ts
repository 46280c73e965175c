import type { Kysely } from 'kysely';
import { createSession } from '../../server/auth/sessions.ts';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import type { Database } from '../../server/storage/schema.ts';
import type { CommentCreated, ThreadPage } from '../../shared/api.ts';
import type { SiteRole } from '../../shared/vocabulary.ts';
import { seedUser } from './seed.ts';
import { ORIGIN, SITE, type testApp } from './test-app.ts';

type TestApp = Awaited<ReturnType<typeof testApp>>;

export interface Reader {
  id: string;
  token: string;
}

/** A new account signed in to the widget of `site`. */
export async function signedIn(t: TestApp, name = 'Reader', site = SITE): Promise<Reader> {
  const id = await seedUser(t.db, name);
  return { id, token: await createSession(t.db, id, site, t.clock.now()) };
}

/** The widget's requests, from the site's origin, as `who` (anonymous when undefined). */
export function widget(t: TestApp, site = SITE, origin = ORIGIN) {
  const base = `/api/sites/${site}/comments`;
  const send = (method: string, path: string, who?: Reader, body?: unknown, ip?: string) =>
    t.app.request(`${base}${path}`, {
      method,
      headers: {
        Origin: origin,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(who ? { Authorization: `Bearer ${who.token}` } : {}),
        ...(ip ? { 'x-test-client-ip': ip } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    post: (who: Reader | undefined, body: Record<string, unknown>, ip?: string) =>
      send('POST', '', who, { page: 'a', title: 'Article', url: `${ORIGIN}/a`, ...body }, ip),
    edit: (who: Reader | undefined, id: string, text: string) => send('PATCH', `/${id}`, who, { text }),
    remove: (who: Reader | undefined, id: string) => send('DELETE', `/${id}`, who),
    hide: (who: Reader | undefined, id: string) => send('POST', `/${id}/hide`, who, {}),
    unhide: (who: Reader | undefined, id: string) => send('POST', `/${id}/unhide`, who, {}),
    report: (who: Reader | undefined, id: string, body: Record<string, unknown>, ip?: string) =>
      send('POST', `/${id}/complaints`, who, body, ip),
    thread: async (who?: Reader, page = 'a') => {
      const response = await send('GET', `?page=${encodeURIComponent(page)}`, who);
      return { response, body: (await response.json()) as ThreadPage };
    },
  };
}

/** Posts and returns the new comment's id, failing loudly when the post is refused. */
export async function posted(response: Response): Promise<string> {
  if (response.status !== 201) throw new Error(`post refused: ${response.status} ${await response.text()}`);
  return ((await response.json()) as CommentCreated).comment.id;
}

export async function pageCount(db: Kysely<Database>, page = 'a', site = SITE): Promise<number> {
  const row = await db
    .selectFrom('pages')
    .select('comment_count')
    .where('site_id', '=', site)
    .where('page_key', '=', page)
    .executeTakeFirst();
  return row ? Number(row.comment_count) : 0;
}

/** Every comment a reader can see in the first page of the thread, replies included. */
export function visibleIds(thread: ThreadPage): string[] {
  return thread.comments.flatMap((c) => [c.id, ...c.replies.map((r) => r.id)]);
}

/**
 * A reader with the email `email`, on the team of `site` when given (an admin unless `role` says
 * otherwise), signed in to the admin panel.
 */
export async function panelUser(
  t: TestApp,
  email: string,
  site?: string,
  role: SiteRole = 'admin',
): Promise<{ id: string; cookie: string }> {
  const reader = await signedIn(t, email.split('@')[0]);
  await t.db.updateTable('users').set({ email }).where('id', '=', reader.id).execute();
  if (site) await addSiteAdmin(t.db, site, email, 0, role);
  const token = await createSession(t.db, reader.id, null, t.clock.now());
  return { id: reader.id, cookie: `pikir_admin=${token}` };
}
