/**
 * An admin's decision on a comment, from the panel or from the widget: stored in one transaction
 * (storage/moderation.ts) and then queued for the site's webhook.
 */
import type { BanView, CommentAuthor, ModerationActionKind } from '../../shared/api.ts';
import { type AnnounceDeps, announceModeration } from '../delivery/webhook.ts';
import { randomId } from '../ids.ts';
import type { CommentRecord } from '../storage/comments.ts';
import { moderate } from '../storage/moderation.ts';

export interface AdminDecision {
  comment: CommentRecord;
  action: ModerationActionKind;
  actor: CommentAuthor;
  reason: string | null;
  /** Bans the comment's author from its site. */
  ban: BanView | null;
}

export async function decide(deps: AnnounceDeps, decision: AdminDecision, now: number): Promise<void> {
  const { comment, action, actor, reason, ban } = decision;
  await moderate(
    deps.db,
    { comment, action, actorId: actor.id, reason, ban: ban ?? undefined },
    now,
    randomId,
  );
  await announceModeration(deps, {
    siteId: comment.siteId,
    commentId: comment.id,
    action,
    reason,
    ban,
    actor,
    at: now,
  });
}
