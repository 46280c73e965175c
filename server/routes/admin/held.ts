/** The pre-moderation queue of the admin's sites (shared/contract/admin.ts): "На проверке". */
import type { Deps } from '../../deps.ts';
import { sitesInScope } from '../../http/admin-session.ts';
import { Endpoints } from '../../http/endpoint.ts';
import { listHeld } from '../../storage/held.ts';

const HELD_PAGE_SIZE = 20;

export function adminHeldRoutes(deps: Pick<Deps, 'db' | 'clock'>) {
  return new Endpoints().endpoint('GET /admin/api/held', async (c, { query }) => {
    const [createdAt, id] = query.cursor?.split('.') ?? [];
    const { items, next } = await listHeld(deps.db, {
      sites: sitesInScope(c, query.site),
      after: createdAt && id ? { createdAt: Number(createdAt), id } : undefined,
      limit: HELD_PAGE_SIZE,
      now: deps.clock.now(),
    });
    return { items, nextCursor: next && `${next.createdAt}.${next.id}` };
  });
}
