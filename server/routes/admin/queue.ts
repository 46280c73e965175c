/** Reported comments of the admin's sites (shared/contract/admin.ts). */
import type { QueueState } from '../../../shared/api.ts';
import type { Deps } from '../../deps.ts';
import { sitesInScope } from '../../http/admin-session.ts';
import { Endpoints } from '../../http/endpoint.ts';
import { listQueue, type QueueCursor } from '../../storage/queue.ts';

const QUEUE_PAGE_SIZE = 20;

export function adminQueueRoutes(deps: Pick<Deps, 'db' | 'clock'>) {
  return new Endpoints().endpoint('GET /admin/api/queue', async (c, { query }) => {
    const { items, next } = await listQueue(deps.db, {
      sites: sitesInScope(c, query.site),
      state: query.status,
      after: query.cursor ? decodeCursor(query.status, query.cursor) : undefined,
      limit: QUEUE_PAGE_SIZE,
      now: deps.clock.now(),
    });
    return { items, nextCursor: next && encodeCursor(next) };
  });
}

function encodeCursor(cursor: QueueCursor): string {
  return cursor.state === 'open'
    ? `${cursor.complaints}.${cursor.createdAt}.${cursor.id}`
    : `${cursor.decidedAt}.${cursor.id}`;
}

/** A cursor of the other list (or malformed) simply starts from the top. */
function decodeCursor(state: QueueState, cursor: string): QueueCursor | undefined {
  const parts = cursor.split('.');
  if (state === 'open' && parts.length === 3) {
    return { state, complaints: Number(parts[0]), createdAt: Number(parts[1]), id: parts[2]! };
  }
  if (state === 'closed' && parts.length === 2) return { state, decidedAt: Number(parts[0]), id: parts[1]! };
  return undefined;
}
