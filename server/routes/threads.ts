import type { ThreadOrder } from '../../shared/api.ts';
import { REPLIES_SHOWN, THREAD_PAGE_SIZE } from '../../shared/limits.ts';
import { isSiteAdmin } from '../auth/admins.ts';
import type { Deps } from '../deps.ts';
import { Endpoints } from '../http/endpoint.ts';
import { ifNoneMatch, weakEtag } from '../http/etag.ts';
import { Refusal } from '../refusal.ts';
import { activeBan } from '../storage/bans.ts';
import { listThread, type ThreadCursor, type Viewer } from '../storage/comments.ts';
import { getPageState, isClosed } from '../storage/pages.ts';
import { withMine } from '../storage/reactions.ts';

/** Bumped when the shape of the answer changes, so that no old ETag matches a new answer. */
const ANSWER_FORMAT = 'thread-5';

/**
 * A page of a thread (shared/contract/threads.ts): a signed-in reader also gets their own
 * withheld comments, an admin of the site all of them, marked, and their ban on the site if one
 * holds (the widget shows it instead of the composer).
 *
 * Every answer carries an ETag over the page's version (bumped by every change to the thread, in
 * the same transaction), the request and who reads; If-None-Match with it answers 304. The first
 * page as anonymous readers see it is kept in memory as JSON by that ETag: one indexed read of
 * the version per request, on every instance, tells whether it still holds.
 */
export function threadRoutes(deps: Pick<Deps, 'db' | 'admins' | 'clock'>) {
  const { db } = deps;
  const firstPages = new FirstPageCache();
  return new Endpoints().endpoint('GET /api/sites/:site/comments', async (c, { query }) => {
    const site = c.get('site');
    const user = c.get('user');
    const viewer: Viewer | null = user
      ? { userId: user.id, admin: await isSiteAdmin(db, deps.admins, user, site.id) }
      : null;
    const ban = user ? await activeBan(db, site.id, user.id, deps.clock.now()) : null;
    const state = await getPageState(db, site.id, query.page);
    // Closing by an admin bumps the version; closing by closeAfterDays happens as time passes,
    // so the ETag carries the closed state itself.
    const closed = isClosed(state, site.settings.closeAfterDays, deps.clock.now());
    const config = {
      defaultCountry: site.defaultCountry,
      smsCountries: site.settings.smsCountries,
      commentMaxLength: site.settings.commentMaxLength,
      ...(site.settings.privacyPolicyUrl ? { privacyPolicyUrl: site.settings.privacyPolicyUrl } : {}),
      ...(site.settings.dislikes ? { dislikes: true as const } : {}),
    };
    const etag = weakEtag([
      ANSWER_FORMAT,
      site.id,
      // A site removed and restored from its export has its pages back at the same versions and
      // first-comment times, with comments of new ids: only the site's own creation differs.
      site.createdAt,
      query.page,
      query.order,
      query.cursor ?? '',
      viewer ? `reader:${viewer.userId}:${viewer.admin ? 'admin' : 'reader'}` : 'anonymous',
      // A ban given, lifted or run out changes the answer though the page did not change.
      ban ? `ban:${ban.until ?? 'forever'}:${ban.reason}` : 'no-ban',
      config.defaultCountry,
      config.smsCountries.join(','),
      config.commentMaxLength,
      config.privacyPolicyUrl ?? '',
      config.dislikes ? 'dislikes' : 'likes',
      state.version,
      // A page made again (its site removed and added again) starts over at version 1.
      state.createdAt,
      closed ? 'closed' : 'open',
    ]);
    // Readers may post at any moment: browsers must ask again (the ETag makes that cheap). A
    // signed-in reader's thread holds what only they may see: no shared cache may keep it, and
    // a shared cache must not give the anonymous answer for a request with a session.
    c.header('Cache-Control', viewer ? 'private, no-cache' : 'no-cache');
    c.header('Vary', 'Authorization', { append: true });
    c.header('ETag', etag);
    if (ifNoneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304);

    const shared = !viewer && !query.cursor ? `${site.id}\u0000${query.order}\u0000${query.page}` : null;
    const cached = shared ? firstPages.get(shared, etag) : undefined;
    if (cached !== undefined) return c.body(cached, 200, { 'Content-Type': 'application/json' });

    const slice = await listThread(db, {
      siteId: site.id,
      pageKey: query.page,
      before: query.cursor ? decodeCursor(query.cursor, query.order) : undefined,
      order: query.order,
      limit: THREAD_PAGE_SIZE,
      replies: REPLIES_SHOWN,
      viewer,
    });
    const answer = {
      page: query.page,
      config,
      ...(viewer ? { viewer: { ...viewer, ban } } : {}),
      total: state.total,
      version: state.version,
      ...(closed ? { closed: true as const } : {}),
      comments: await withMine(
        db,
        viewer?.userId,
        slice.comments.map((comment) => ({
          ...comment,
          repliesCursor: comment.repliesCursor && encodeCursor(comment.repliesCursor),
        })),
      ),
      nextCursor: slice.next && encodeCursor(slice.next),
    };
    if (!shared) return answer;
    const bytes = encoder.encode(JSON.stringify(answer));
    firstPages.set(shared, etag, bytes);
    return c.body(bytes, 200, { 'Content-Type': 'application/json' });
  });
}

/** `created_at.id`, or `score.created_at.id` in the order `best` (the keys of its keyset). */
export function encodeCursor(cursor: ThreadCursor): string {
  return `${cursor.score === undefined ? '' : `${cursor.score}.`}${cursor.createdAt}.${cursor.id}`;
}

/** A cursor as the schema let it through; one made for another order is refused, not misread. */
export function decodeCursor(cursor: string, order: ThreadOrder = 'new'): ThreadCursor {
  const parts = cursor.split('.');
  if (parts.length !== (order === 'best' ? 3 : 2)) {
    throw new Refusal(
      'invalid_request',
      `This cursor is not one of the order "${order}": start again without it.`,
    );
  }
  const id = parts.pop()!;
  const createdAt = Number(parts.pop());
  return order === 'best' ? { score: Number(parts[0]), createdAt, id } : { createdAt, id };
}

const encoder = new TextEncoder();

/**
 * Anonymous first pages as UTF-8 JSON, least recently used out first past a total size. Bytes, not
 * strings: they are sent without encoding them again, and they lie outside the JavaScript heap, so
 * thousands of cached pages do not lengthen the garbage collector's pauses.
 */
class FirstPageCache {
  private readonly entries = new Map<string, { etag: string; json: Uint8Array<ArrayBuffer> }>();
  private size = 0;

  constructor(private readonly maxBytes = 48 * 1024 * 1024) {}

  get(key: string, etag: string): Uint8Array<ArrayBuffer> | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.etag !== etag) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.json;
  }

  set(key: string, etag: string, json: Uint8Array<ArrayBuffer>): void {
    this.delete(key);
    this.entries.set(key, { etag, json });
    this.size += json.byteLength;
    for (const [oldest] of this.entries) {
      if (this.size <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.size -= entry.json.byteLength;
    this.entries.delete(key);
  }
}
