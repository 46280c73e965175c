/**
 * Likes and dislikes (migration 015). A reader has at most one reaction per comment, a row of
 * comment_reactions; the comment's `likes`, `dislikes` and `score` are changed by the same
 * transaction by the reaction's delta, never recounted, so reacting costs the same in a thread
 * of ten comments as in one of ten thousand. The page's row lock (lockPage, which also bumps the
 * page's version so ETags and the cached first page change) orders concurrent reactions to a
 * thread, on PostgreSQL as on SQLite.
 */
import type { Kysely } from 'kysely';
import type { Reaction } from '../../shared/vocabulary.ts';
import { lockPage } from './pages.ts';
import type { Database } from './schema.ts';

const Z = 1.96;

/**
 * The "Лучшие" order's key: the Wilson lower bound (95 %) of the share of likes among a comment's
 * reactions, times 1e9 as an integer, so cursors compare it exactly on both engines. One like
 * ranks below ten likes out of eleven, and with likes only it grows with the likes, flattening.
 */
export function wilsonScore(likes: number, dislikes: number): number {
  const n = likes + dislikes;
  if (n === 0) return 0;
  const p = likes / n;
  const z2 = Z * Z;
  const bound = (p + z2 / (2 * n) - Z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
  return Math.max(0, Math.floor(bound * 1e9));
}

const VALUE = { like: 1, dislike: -1 } as const;

export interface ReactionResult {
  likes: number;
  dislikes: number;
  mine: Reaction;
}

/**
 * Sets `userId`'s reaction to comment `commentId` (`none` takes it back). `checks` run first in
 * the transaction (the rate limit); whatever they throw changes nothing.
 */
export async function setReaction(
  db: Kysely<Database>,
  target: { commentId: string; siteId: string; pageKey: string; userId: string; reaction: Reaction },
  now: number,
  checks?: (tx: Kysely<Database>) => Promise<void>,
): Promise<ReactionResult> {
  return db.transaction().execute(async (tx) => {
    await lockPage(tx, target.siteId, target.pageKey);
    if (checks) await checks(tx);
    const before = await tx
      .selectFrom('comment_reactions')
      .select('value')
      .where('comment_id', '=', target.commentId)
      .where('user_id', '=', target.userId)
      .executeTakeFirst();
    const was = before ? Number(before.value) : 0;
    const next = target.reaction === 'none' ? 0 : VALUE[target.reaction];
    const counts = await tx
      .selectFrom('comments')
      .select(['likes', 'dislikes'])
      .where('id', '=', target.commentId)
      .executeTakeFirstOrThrow();
    const likes = Number(counts.likes) + Number(next === 1) - Number(was === 1);
    const dislikes = Number(counts.dislikes) + Number(next === -1) - Number(was === -1);
    if (was !== next) {
      if (next === 0) {
        await tx
          .deleteFrom('comment_reactions')
          .where('comment_id', '=', target.commentId)
          .where('user_id', '=', target.userId)
          .execute();
      } else {
        await tx
          .insertInto('comment_reactions')
          .values({ comment_id: target.commentId, user_id: target.userId, value: next, created_at: now })
          .onConflict((oc) =>
            oc.columns(['comment_id', 'user_id']).doUpdateSet({ value: next, created_at: now }),
          )
          .execute();
      }
      await tx
        .updateTable('comments')
        .set({ likes, dislikes, score: wilsonScore(likes, dislikes) })
        .where('id', '=', target.commentId)
        .execute();
    }
    return { likes, dislikes, mine: target.reaction };
  });
}

/** The reader's reactions among `commentIds` (one indexed read by the primary key). */
export async function reactionsOf(
  db: Kysely<Database>,
  userId: string,
  commentIds: string[],
): Promise<Map<string, Exclude<Reaction, 'none'>>> {
  if (commentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('comment_reactions')
    .select(['comment_id', 'value'])
    .where('user_id', '=', userId)
    .where('comment_id', 'in', commentIds)
    .execute();
  return new Map(rows.map((r) => [r.comment_id, Number(r.value) > 0 ? 'like' : 'dislike']));
}

interface WithReplies {
  id: string;
  mine?: Exclude<Reaction, 'none'>;
  replies?: { id: string; mine?: Exclude<Reaction, 'none'> }[];
}

/** The comments (and their replies) with the signed-in reader's own reactions marked. */
export async function withMine<T extends WithReplies>(
  db: Kysely<Database>,
  userId: string | undefined,
  comments: T[],
): Promise<T[]> {
  if (!userId) return comments;
  const ids = comments.flatMap((c) => [c.id, ...(c.replies ?? []).map((r) => r.id)]);
  const mine = await reactionsOf(db, userId, ids);
  if (mine.size === 0) return comments;
  const mark = <C extends { id: string }>(c: C): C => {
    const reaction = mine.get(c.id);
    return reaction ? { ...c, mine: reaction } : c;
  };
  return comments.map((c) => ({ ...mark(c), ...(c.replies ? { replies: c.replies.map(mark) } : {}) }));
}
