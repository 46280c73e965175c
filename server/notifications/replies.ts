/**
 * Who is told of a reply, in the reply's own transaction (routes/comments.ts): the author of the
 * comment replied to; and when a site's admin answers under a reader's comment, that thread's
 * first author too, so the reader who started it hears the answer whichever reply it is under.
 * Never the replier themselves, nor an erased account or an imported guest author.
 */
import type { Kysely } from 'kysely';
import { isSiteAdmin } from '../auth/admins.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { randomId } from '../ids.ts';
import { addNotifications, reachableUsers } from '../storage/notifications.ts';
import type { Database } from '../storage/schema.ts';

export interface NewReply {
  siteId: string;
  /** The reply just inserted. */
  replyId: string;
  replier: Pick<SessionUser, 'id' | 'email' | 'phone'>;
  /** The comment the reader pressed "Ответить" on (a reply to a reply is stored under the top). */
  repliedToId: string;
}

/** The notifying step of a reply to `repliedToId` (none for a top-level comment), for insertComment. */
export function replyNotice(
  admins: readonly string[],
  reply: Omit<NewReply, 'repliedToId'>,
  repliedToId: string | undefined,
  now: number,
): ((tx: Kysely<Database>) => Promise<void>) | undefined {
  return repliedToId ? (tx) => notifyReply(tx, admins, { ...reply, repliedToId }, now) : undefined;
}

export async function notifyReply(
  tx: Kysely<Database>,
  admins: readonly string[],
  reply: NewReply,
  now: number,
): Promise<void> {
  const repliedTo = await tx
    .selectFrom('comments')
    .select(['id', 'author_id', 'parent_id'])
    .where('id', '=', reply.repliedToId)
    .executeTakeFirst();
  if (!repliedTo) return;
  const told = [{ userId: repliedTo.author_id, commentId: repliedTo.id }];
  if (repliedTo.parent_id && (await isSiteAdmin(tx, admins, reply.replier, reply.siteId))) {
    const top = await tx
      .selectFrom('comments')
      .select(['id', 'author_id'])
      .where('id', '=', repliedTo.parent_id)
      .executeTakeFirst();
    if (top) told.push({ userId: top.author_id, commentId: top.id });
  }
  const others = told.filter(
    (t, i) => t.userId !== reply.replier.id && told.findIndex((o) => o.userId === t.userId) === i,
  );
  const reachable = await reachableUsers(
    tx,
    others.map((t) => t.userId),
  );
  await addNotifications(
    tx,
    others
      .filter((t) => reachable.includes(t.userId))
      .map((t) => ({
        id: randomId(),
        userId: t.userId,
        siteId: reply.siteId,
        kind: 'reply' as const,
        commentId: t.commentId,
        replyId: reply.replyId,
        outcome: null,
      })),
    now,
  );
}
