/** GET /admin/api/queue?site=&status=open|closed&cursor=: reported comments of the admin's sites. */
import { Hono } from 'hono';
import type { QueuePage } from '../../../shared/api.ts';
import { queueQuerySchema } from '../../../shared/schemas.ts';
import type { Deps } from '../../deps.ts';
import { sitesInScope } from '../../http/admin-session.ts';
import type { AppEnv } from '../../http/env.ts';
import { parseInput, queryOf } from '../../http/validate.ts';
import { listQueue, type QueueCursor } from '../../storage/queue.ts';

const QUEUE_PAGE_SIZE = 20;

export function adminQueueRoutes(deps: Pick<Deps, 'db' | 'clock'>) {
  return new Hono<AppEnv>().get('/queue', async (c) => {
    const query = parseInput(queueQuerySchema, queryOf(c));
    const { items, next } = await listQueue(deps.db, {
      sites: sitesInScope(c, query.site),
      state: query.status,
      after: query.cursor ? decodeCursor(query.status, query.cursor) : undefined,
      limit: QUEUE_PAGE_SIZE,
      now: deps.clock.now(),
    });
    return c.json({ items, nextCursor: next && encodeCursor(next) } satisfies QueuePage);
  });
}

function encodeCursor(cursor: QueueCursor): string {
  return cursor.state === 'open'
    ? `${cursor.complaints}.${cursor.createdAt}.${cursor.id}`
    : `${cursor.decidedAt}.${cursor.id}`;
}

/** A cursor of the other list (or malformed) simply starts from the top. */
function decodeCursor(state: 'open' | 'closed', cursor: string): QueueCursor | undefined {
  const parts = cursor.split('.');
  if (state === 'open' && parts.length === 3) {
    return { state, complaints: Number(parts[0]), createdAt: Number(parts[1]), id: parts[2]! };
  }
  if (state === 'closed' && parts.length === 2) return { state, decidedAt: Number(parts[0]), id: parts[1]! };
  return undefined;
}
