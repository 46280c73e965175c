import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { ThreadPage } from '../../shared/api.ts';
import { THREAD_PAGE_SIZE } from '../../shared/limits.ts';
import { threadQuerySchema } from '../../shared/schemas.ts';
import type { AppEnv } from '../http/env.ts';
import { parseInput, queryOf } from '../http/validate.ts';
import { getPageTotal, listThread, type ThreadCursor } from '../storage/comments.ts';
import type { Database } from '../storage/schema.ts';

/** Mounted at /api/sites/:site/comments, behind the site-origin guard. */
export function threadRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const query = parseInput(threadQuerySchema, queryOf(c));
    const site = c.get('site');
    const [slice, total] = await Promise.all([
      listThread(db, {
        siteId: site.id,
        pageKey: query.page,
        before: query.cursor ? decodeCursor(query.cursor) : undefined,
        limit: THREAD_PAGE_SIZE,
      }),
      getPageTotal(db, site.id, query.page),
    ]);
    // Readers may post at any moment: browsers must ask again rather than reuse an old thread.
    c.header('Cache-Control', 'no-cache');
    return c.json({
      page: query.page,
      total,
      comments: slice.comments,
      nextCursor: slice.next ? `${slice.next.createdAt}.${slice.next.id}` : null,
      config: { defaultCountry: site.defaultCountry },
    } satisfies ThreadPage);
  });
}

function decodeCursor(cursor: string): ThreadCursor {
  const dot = cursor.indexOf('.');
  return { createdAt: Number(cursor.slice(0, dot)), id: cursor.slice(dot + 1) };
}
