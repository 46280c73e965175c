/**
 * Readers write: post, reply, edit within 15 minutes, delete; a site's admins also hide and delete
 * from the widget. Mounted at /api/sites/:site/comments behind the site-origin guard, with
 * requireUser applied at the mount to every write.
 */
import { Hono } from 'hono';
import type { CommentCreated, CommentView } from '../../shared/api.ts';
import { EDIT_WINDOW_MS, PAGE_TITLE_MAX } from '../../shared/limits.ts';
import { editCommentSchema, newCommentSchema } from '../../shared/schemas.ts';
import { isSiteAdmin } from '../auth/admins.ts';
import { commentWait } from '../auth/posting-limits.ts';
import { announceModeration } from '../delivery/webhook.ts';
import type { Deps } from '../deps.ts';
import { networkOf } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, rateLimited } from '../http/errors.ts';
import { assertNotBanned } from '../http/not-banned.ts';
import { jsonBody } from '../http/validate.ts';
import { randomId } from '../ids.ts';
import {
  type CommentRecord,
  editComment,
  getComment,
  insertComment,
  lastCommentText,
  setCommentStatus,
} from '../storage/comments.ts';
import { moderate } from '../storage/moderation.ts';
import { getPage, type PageInfo } from '../storage/pages.ts';
import type { Site } from '../storage/sites.ts';

export function commentRoutes(deps: Deps) {
  const { db, clock } = deps;

  /** The comment `id` of this site, or 404: ids of other sites do not exist here. */
  async function siteComment(site: Site, id: string): Promise<CommentRecord> {
    const comment = await getComment(db, id);
    if (!comment || comment.siteId !== site.id || comment.status === 'deleted') {
      throw new ApiError('not_found', 'No such comment.');
    }
    return comment;
  }

  return new Hono<AppEnv>()
    .post('/', async (c) => {
      const body = await jsonBody(c, newCommentSchema);
      const site = c.get('site');
      const user = c.get('user')!;
      const text = commentText(body.text, site.settings.commentMaxLength);
      const now = clock.now();
      await assertNotBanned(db, site.id, user.id, now);

      let parentId: string | null = null;
      if (body.parentId) {
        const parent = await getComment(db, body.parentId);
        const top = parent?.parentId ? await getComment(db, parent.parentId) : parent;
        const visible =
          parent?.status === 'published' && (top?.status === 'published' || top?.status === 'deleted');
        if (!parent || !visible || parent.siteId !== site.id || parent.pageKey !== body.page) {
          throw new ApiError('not_found', 'The comment you are replying to is not there any more.');
        }
        // One level of nesting: a reply to a reply hangs under the top comment.
        parentId = parent.parentId ?? parent.id;
      }

      const id = randomId();
      const ip = networkOf(deps.clientIp(c));
      const page = await pageInfo(site, body);
      await insertComment(db, { id, page, parentId, authorId: user.id, text, ipKey: ip }, now, async (tx) => {
        if ((await lastCommentText(tx, user.id)) === text) throw new ApiError('duplicate_comment');
        const wait = await commentWait(tx, user.id, ip, now);
        if (wait > 0) throw rateLimited(wait);
      });
      return c.json({ comment: viewOf((await getComment(db, id))!) } satisfies CommentCreated, 201);
    })

    .patch('/:id', async (c) => {
      const body = await jsonBody(c, editCommentSchema);
      const site = c.get('site');
      const user = c.get('user')!;
      const comment = await siteComment(site, c.req.param('id'));
      if (comment.author.id !== user.id)
        throw new ApiError('forbidden', 'Only the author can edit a comment.');
      const now = clock.now();
      await assertNotBanned(db, site.id, user.id, now);
      // Reported or withheld comments keep the text the reporters saw and the admins decide on.
      if (comment.status !== 'published' || comment.openComplaints > 0) {
        throw new ApiError('forbidden', 'This comment is waiting for a moderator and cannot be edited.');
      }
      if (now - comment.createdAt > EDIT_WINDOW_MS) throw new ApiError('edit_window_closed');
      await editComment(db, comment.id, commentText(body.text, site.settings.commentMaxLength), now);
      return c.json({ comment: viewOf((await getComment(db, comment.id))!) } satisfies CommentCreated);
    })

    .delete('/:id', async (c) => {
      const site = c.get('site');
      const user = c.get('user')!;
      const comment = await siteComment(site, c.req.param('id'));
      const now = clock.now();
      if (comment.author.id === user.id) {
        // The author's own words go for good, with replies a placeholder keeps their place;
        // but a reported comment keeps its text and complaints for the admins to decide on.
        const reported = comment.openComplaints > 0;
        await setCommentStatus(db, comment, { status: 'deleted', eraseText: !reported }, now);
      } else if (await isSiteAdmin(db, deps.admins, user, site.id)) {
        await moderate(db, { comment, action: 'delete', actorId: user.id, reason: null }, now, randomId);
        announceModeration(deps, {
          siteId: site.id,
          commentId: comment.id,
          action: 'delete',
          reason: null,
          ban: null,
          actor: { id: user.id, name: user.displayName },
          at: now,
        });
      } else {
        throw new ApiError('forbidden', 'Only the author or an admin can delete a comment.');
      }
      return c.body(null, 204);
    })

    .post('/:id/hide', async (c) => {
      const site = c.get('site');
      const user = c.get('user')!;
      const comment = await siteComment(site, c.req.param('id'));
      if (!(await isSiteAdmin(db, deps.admins, user, site.id))) {
        throw new ApiError('forbidden', 'Only an admin of this site can hide comments.');
      }
      const now = clock.now();
      await moderate(db, { comment, action: 'hide', actorId: user.id, reason: null }, now, randomId);
      announceModeration(deps, {
        siteId: site.id,
        commentId: comment.id,
        action: 'hide',
        reason: null,
        ban: null,
        actor: { id: user.id, name: user.displayName },
        at: now,
      });
      return c.json({ comment: viewOf((await getComment(db, comment.id))!) } satisfies CommentCreated);
    });

  /**
   * Title and URL as the admin panel shows them. The URL is kept only on one of the site's own
   * origins, so a reader cannot make the panel link elsewhere; a later comment with an empty
   * title or a foreign URL does not wipe what the page already has.
   */
  async function pageInfo(site: Site, body: { page: string; title: string; url: string }): Promise<PageInfo> {
    const existing = await getPage(db, site.id, body.page);
    const title = [...body.title.replace(/\s+/g, ' ').trim()].slice(0, PAGE_TITLE_MAX).join('');
    return {
      siteId: site.id,
      pageKey: body.page,
      title: title || existing?.title || '',
      url: ownUrl(body.url, site.origins) ?? existing?.url ?? site.origins[0] ?? '',
    };
  }
}

/**
 * Plain text, trimmed, 1 to `max` characters counted as code points (an emoji is one). Stored as
 * typed, never escaped: rendering as text is every client's job. Control characters other than
 * tab and line breaks are refused (PostgreSQL cannot even store NUL).
 */
function commentText(raw: string, max: number): string {
  const text = raw.trim();
  const length = [...text].length;
  if (length < 1 || length > max || /(?![\t\n\r])\p{Cc}/u.test(text)) {
    throw new ApiError('text_invalid', `Comments are 1 to ${max} characters of text.`);
  }
  return text;
}

function ownUrl(url: string, origins: string[]): string | null {
  try {
    const parsed = new URL(url);
    return origins.includes(parsed.origin) ? parsed.href : null;
  } catch {
    return null;
  }
}

export function viewOf(record: CommentRecord): CommentView {
  const { id, parentId, author, text, createdAt, editedAt, status } = record;
  return { id, parentId, author, text, createdAt, editedAt, status };
}
