/**
 * What a signed-in reader is told (shared/contract/notifications.ts): the unread count and the
 * list under "Уведомления", marking read, and the reply emails' switch; and the emails' one-click
 * unsubscribe (RFC 8058) at /unsubscribe: GET shows a page with a button, POST (the button, or a
 * mail client on its own) turns the emails off. Its token is signed (notifications/
 * unsubscribe-token.ts), so it needs no sign-in.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Language } from '../../shared/i18n/languages.ts';
import { messageDictionaries } from '../../shared/i18n/messages/dictionaries.ts';
import type { Deps } from '../deps.ts';
import { Endpoints } from '../http/endpoint.ts';
import type { AppEnv } from '../http/env.ts';
import { FAVICON } from '../http/favicon.ts';
import { tokenUser } from '../notifications/unsubscribe-token.ts';
import { Refusal, rateLimited } from '../refusal.ts';
import {
  listNotifications,
  markRead,
  notificationSettings,
  rememberLanguage,
  setEmailOn,
  unreadCount,
} from '../storage/notifications.ts';
import { readCounts, secondsLeft, takeHit, type Window } from '../storage/rate-counters.ts';
import { ADMIN_CSP } from './admin-page.ts';

const HOUR = 3600_000;
/** Marking read per reader an hour: the list is opened, not polled. */
export const READS_PER_HOUR = 120;
/** Switching emails per reader an hour. */
export const EMAIL_SWITCHES_PER_HOUR = 30;
/** Unsubscribes per account an hour: each is one signed link, but it writes. */
export const UNSUBSCRIBES_PER_HOUR = 20;

export function notificationRoutes(deps: Pick<Deps, 'db' | 'clock'>) {
  const { db, clock } = deps;

  async function allow(window: Window, cap: number) {
    const now = clock.now();
    if (await takeHit(db, window, cap, now)) return;
    throw rateLimited(secondsLeft(await readCounts(db, [window]), window, now));
  }

  const summary = async (user: { id: string; email: string | null }, siteId: string) => ({
    unread: await unreadCount(db, user.id, siteId),
    email: user.email ? (await notificationSettings(db, user.id)).emailOn : null,
  });

  return new Endpoints()
    .endpoint('GET /api/sites/:site/notifications/summary', async (c, { query }) => {
      const user = c.get('user')!;
      if (query.lang) await rememberLanguage(db, user.id, query.lang);
      c.header('Cache-Control', 'private, no-store');
      return summary(user, c.get('site').id);
    })

    .endpoint('GET /api/sites/:site/notifications', async (c) => {
      const user = c.get('user')!;
      const site = c.get('site');
      c.header('Cache-Control', 'private, no-store');
      return {
        notifications: await listNotifications(db, user.id, site.id),
        unread: await unreadCount(db, user.id, site.id),
      };
    })

    .endpoint('POST /api/sites/:site/notifications/read', async (c, { body }) => {
      const user = c.get('user')!;
      await allow({ key: `notifications:read:${user.id}|1h`, windowMs: HOUR }, READS_PER_HOUR);
      await markRead(db, user.id, c.get('site').id, body.ids, clock.now());
      return undefined;
    })

    .endpoint('PUT /api/sites/:site/account/notifications', async (c, { body }) => {
      const user = c.get('user')!;
      if (!user.email)
        throw new Refusal('no_email', 'This account has no email: replies are shown in the widget only.');
      await allow({ key: `notifications:email:${user.id}|1h`, windowMs: HOUR }, EMAIL_SWITCHES_PER_HOUR);
      await setEmailOn(db, user.id, body.email);
      return summary(user, c.get('site').id);
    });
}

/** The page of the emails' unsubscribe link; the secret is the server key its tokens are signed with. */
export function unsubscribeRoutes(deps: Pick<Deps, 'db' | 'clock' | 'secret'>) {
  const { db, clock } = deps;
  const userOf = (c: { req: { query(name: string): string | undefined } }) =>
    tokenUser(deps.secret, c.req.query('token') ?? '');

  return new Hono<AppEnv>()
    .get('/unsubscribe', async (c) => {
      const userId = userOf(c);
      const lang = userId ? (await notificationSettings(db, userId)).lang : 'ru';
      const m = messageDictionaries[lang];
      pageHeaders(c);
      if (!userId) return c.html(unsubscribePage(lang, m.unsubscribeTitle, m.unsubscribeInvalid, null), 400);
      // The button posts back to this very URL (token included): RFC 8058's POST, made by hand.
      return c.html(unsubscribePage(lang, m.unsubscribeTitle, m.unsubscribeQuestion, m.unsubscribeButton));
    })
    .post('/unsubscribe', async (c) => {
      const userId = userOf(c);
      if (!userId) throw new Refusal('unsubscribe_invalid', 'This unsubscribe link is not valid.');
      const window = { key: `notifications:unsubscribe:${userId}|1h`, windowMs: HOUR };
      const now = clock.now();
      if (!(await takeHit(db, window, UNSUBSCRIBES_PER_HOUR, now)))
        throw rateLimited(secondsLeft(await readCounts(db, [window]), window, now));
      await setEmailOn(db, userId, false);
      const { lang } = await notificationSettings(db, userId);
      const m = messageDictionaries[lang];
      pageHeaders(c);
      return c.html(unsubscribePage(lang, m.unsubscribeTitle, m.unsubscribedText, null));
    });
}

function pageHeaders(c: { header(name: string, value: string): void }) {
  c.header('Content-Security-Policy', ADMIN_CSP);
  c.header('X-Frame-Options', 'DENY');
  // The token is in the URL: it must not leave in a Referer.
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
}

/** A small page of fixed texts; `button` posts the form to the same URL. hono/html escapes every value. */
function unsubscribePage(lang: Language, title: string, text: string, button: string | null) {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<link rel="icon" href="${FAVICON}">
</head>
<body>
<main>
<h1>${title}</h1>
<p>${text}</p>
${button ? html`<form method="post"><button type="submit">${button}</button></form>` : ''}
</main>
</body>
</html>`;
}
