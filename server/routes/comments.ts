/**
 * Readers write (shared/contract/comments.ts): post, reply, edit within 15 minutes, delete; a
 * site's admins also hide and delete from the widget. Every endpoint here needs a reader's
 * session of the site, which app.ts checks from the contract.
 */
import { EDIT_WINDOW_MS, PAGE_TITLE_MAX } from '../../shared/limits.ts';
import { hasBidiControls } from '../../shared/text.ts';
import { isSiteAdmin } from '../auth/admins.ts';
import { assertNotBanned, banRefusal } from '../auth/not-banned.ts';
import { COMMENT_INTERVAL_MS, postingState } from '../auth/posting-limits.ts';
import type { Deps } from '../deps.ts';
import { networkOf } from '../http/client-ip.ts';
import { Endpoints } from '../http/endpoint.ts';
import { randomId } from '../ids.ts';
import { closeThread } from '../moderation/close-thread.ts';
import { decide } from '../moderation/decide.ts';
import { screenComment } from '../moderation/screen.ts';
import { replyNotice } from '../notifications/replies.ts';
import { Refusal, rateLimited } from '../refusal.ts';
import {
  type CommentRecord,
  commentView,
  editComment,
  getComment,
  getCommentView,
  getReplyTarget,
  insertComment,
  setCommentStatus,
} from '../storage/comments.ts';
import { isClosed, type PageInfo } from '../storage/pages.ts';
import type { Site } from '../storage/sites.ts';

export function commentRoutes(deps: Deps) {
  const { db, clock } = deps;

  /** The comment `id` of this site, or 404: ids of other sites do not exist here. */
  async function siteComment(site: Site, id: string): Promise<CommentRecord> {
    const comment = await getComment(db, id);
    if (!comment || comment.siteId !== site.id || comment.status === 'deleted') {
      throw new Refusal('not_found', 'No such comment.');
    }
    return comment;
  }

  /** The answer to a write: the comment as it stands now. */
  const answer = async (id: string) => ({ comment: (await getCommentView(db, id))! });

  return new Endpoints()
    .endpoint('POST /api/sites/:site/comments', async (c, { body }) => {
      const site = c.get('site');
      const user = c.get('user')!;
      const text = commentText(body.text, site.settings.commentMaxLength);
      const now = clock.now();

      let parentId: string | null = null;
      if (body.parentId) {
        const parent = await getReplyTarget(db, body.parentId);
        const visible =
          parent?.status === 'published' &&
          (parent.topStatus === 'published' || parent.topStatus === 'deleted');
        if (!parent || !visible || parent.siteId !== site.id || parent.pageKey !== body.page) {
          throw new Refusal('not_found', 'The comment you are replying to is not there any more.');
        }
        // One level of nesting: a reply to a reply hangs under the top comment.
        parentId = parent.parentId ?? body.parentId;
      }

      const id = randomId();
      const ip = networkOf(deps.clientIp(c));
      const page = pageInfo(site, body);
      const status = await screenComment(deps, site, user, text);
      // A held reply tells no one until it is approved (storage/moderation.ts tells them then).
      const notify =
        status === 'published'
          ? replyNotice(deps.admins, { siteId: site.id, replyId: id, replier: user }, body.parentId, now)
          : undefined;
      const comment = {
        id,
        page,
        parentId,
        authorId: user.id,
        text,
        ipKey: ip,
        status,
        alsoInTransaction: notify,
      };
      await insertComment(db, comment, now, async (tx) => {
        const poster = { siteId: site.id, pageKey: body.page, userId: user.id, ipKey: ip };
        const { ban, page: thread, lastText, wait } = await postingState(tx, poster, now);
        if (ban) throw banRefusal(ban);
        if (isClosed(thread, site.settings.closeAfterDays, now)) {
          throw new Refusal('thread_closed', 'Comments on this page are closed.');
        }
        if (lastText === text) throw new Refusal('duplicate_comment');
        if (wait.seconds === 0) return;
        const refusal = rateLimited(wait.seconds);
        if (wait.interval) refusal.details.interval = COMMENT_INTERVAL_MS / 1000;
        throw refusal;
      });
      // The comment as just stored, without reading it back.
      const stored = {
        id,
        parent_id: parentId,
        author_id: user.id,
        display_name: user.displayName,
        text,
        status,
        created_at: now,
        edited_at: null,
      };
      return { comment: commentView(stored, 'moderator') };
    })

    .endpoint('PUT /api/sites/:site/pages/closed', async (c, { body }) => {
      const site = c.get('site');
      const user = c.get('user')!;
      if (!(await isSiteAdmin(db, deps.admins, user, site.id))) {
        throw new Refusal('forbidden', 'Only an admin of this site can close its threads.');
      }
      const change = { siteId: site.id, page: body.page, closed: body.closed, actorId: user.id };
      if (!(await closeThread(db, change, clock.now()))) {
        throw new Refusal('not_found', 'No comments on this page: there is no thread to close.');
      }
      return { site: site.id, page: body.page, closed: body.closed };
    })

    .endpoint('PATCH /api/sites/:site/comments/:id', async (c, { params, body }) => {
      const site = c.get('site');
      const user = c.get('user')!;
      const comment = await siteComment(site, params.id);
      if (comment.author.id !== user.id)
        throw new Refusal('forbidden', 'Only the author can edit a comment.');
      const now = clock.now();
      await assertNotBanned(db, site.id, user.id, now);
      // Reported or withheld comments keep the text the reporters saw and the admins decide on.
      const editable = comment.status === 'published' || comment.status === 'held';
      if (!editable || comment.openComplaints > 0) {
        throw new Refusal('forbidden', 'This comment is waiting for a moderator and cannot be edited.');
      }
      if (now - comment.createdAt > EDIT_WINDOW_MS) throw new Refusal('edit_window_closed');
      const text = commentText(body.text, site.settings.commentMaxLength);
      await editComment(db, comment, text, now, await screenComment(deps, site, user, text));
      return answer(comment.id);
    })

    .endpoint('DELETE /api/sites/:site/comments/:id', async (c, { params }) => {
      const site = c.get('site');
      const user = c.get('user')!;
      const comment = await siteComment(site, params.id);
      const now = clock.now();
      if (comment.author.id === user.id) {
        // The author's own words go for good, with replies a placeholder keeps their place;
        // but a reported comment keeps its text and complaints for the admins to decide on.
        const reported = comment.openComplaints > 0;
        await setCommentStatus(db, comment, { status: 'deleted', eraseText: !reported }, now);
      } else if (await isSiteAdmin(db, deps.admins, user, site.id)) {
        await decide(deps, { comment, action: 'delete', actor: actorOf(user), reason: null, ban: null }, now);
      } else {
        throw new Refusal('forbidden', 'Only the author or an admin can delete a comment.');
      }
      return undefined;
    })

    .endpoint('POST /api/sites/:site/comments/:id/hide', async (c, { params }) => {
      const site = c.get('site');
      const user = c.get('user')!;
      const comment = await siteComment(site, params.id);
      if (!(await isSiteAdmin(db, deps.admins, user, site.id))) {
        throw new Refusal('forbidden', 'Only an admin of this site can hide comments.');
      }
      // Hiding and then unhiding would publish a waiting comment past its review.
      if (comment.status === 'held') {
        throw new Refusal('not_held', 'This comment waits in pre-moderation: approve or reject it.');
      }
      const hide = { comment, action: 'hide', actor: actorOf(user), reason: null, ban: null } as const;
      await decide(deps, hide, clock.now());
      return answer(comment.id);
    })

    .endpoint('POST /api/sites/:site/comments/:id/unhide', async (c, { params }) => {
      const site = c.get('site');
      const user = c.get('user')!;
      const comment = await siteComment(site, params.id);
      if (!(await isSiteAdmin(db, deps.admins, user, site.id))) {
        throw new Refusal('forbidden', 'Only an admin of this site can show hidden comments.');
      }
      if (comment.status !== 'hidden') throw new Refusal('not_found', 'This comment is not hidden.');
      const unhide = { comment, action: 'unhide', actor: actorOf(user), reason: null, ban: null } as const;
      await decide(deps, unhide, clock.now());
      return answer(comment.id);
    });
}

/**
 * Title and URL as the admin panel shows them, for the page's first comment (upsertPage keeps
 * them as first reported, so no later comment renames or relinks the article). The URL is kept
 * only on one of the site's own origins, so a reader cannot make the panel link elsewhere.
 */
function pageInfo(site: Site, body: { page: string; title: string; url: string }): PageInfo {
  const title = [...body.title.replace(/\s+/g, ' ').trim()].slice(0, PAGE_TITLE_MAX).join('');
  return {
    siteId: site.id,
    pageKey: body.page,
    title,
    url: ownUrl(body.url, site.origins) ?? site.origins[0] ?? '',
  };
}

/**
 * Plain text, trimmed, 1 to `max` characters counted as code points (an emoji is one). Stored as
 * typed, never escaped: rendering as text is every client's job. Control characters other than
 * tab and line breaks are refused (PostgreSQL cannot even store NUL), and so are bidi overrides
 * and isolates, as in names: they make a comment (and the admin queue) display text in another
 * order than it reads. Other format characters stay: emoji sequences are joined by U+200D.
 */
function commentText(raw: string, max: number): string {
  const text = raw.trim();
  const length = [...text].length;
  if (length < 1 || length > max || /(?![\t\n\r])\p{Cc}/u.test(text)) {
    throw new Refusal('text_invalid', `Comments are 1 to ${max} characters of text.`);
  }
  if (hasBidiControls(text)) {
    throw new Refusal(
      'text_invalid',
      'Comments must not contain bidi control characters (U+202A-U+202E, U+2066-U+2069).',
    );
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

/** How a signed-in reader appears as the actor of a decision. */
function actorOf(user: { id: string; displayName: string }) {
  return { id: user.id, name: user.displayName };
}
