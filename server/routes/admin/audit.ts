/** The audit log and the server's own messages about a site (shared/contract/admin.ts). */
import type { Deps } from '../../deps.ts';
import { sitesInScope } from '../../http/admin-session.ts';
import { Endpoints } from '../../http/endpoint.ts';
import { listAdminLog } from '../../storage/admin-log.ts';
import { listAudit } from '../../storage/audit.ts';

const AUDIT_PAGE_SIZE = 50;
const EVENTS_SHOWN = 20;

export function adminAuditRoutes(deps: Pick<Deps, 'db'>) {
  return new Endpoints()
    .endpoint('GET /admin/api/events', async (c, { query }) => {
      sitesInScope(c, query.site);
      const rows = await listAdminLog(deps.db, query.site, EVENTS_SHOWN);
      return { events: rows.map((r) => ({ kind: r.kind, message: r.message, at: Number(r.at) })) };
    })
    .endpoint('GET /admin/api/audit', async (c, { query }) => {
      const dot = query.cursor?.indexOf('.') ?? -1;
      const { entries, next } = await listAudit(deps.db, {
        sites: sitesInScope(c, query.site),
        before:
          query.cursor && dot > 0
            ? { createdAt: Number(query.cursor.slice(0, dot)), id: query.cursor.slice(dot + 1) }
            : undefined,
        limit: AUDIT_PAGE_SIZE,
      });
      return { entries, nextCursor: next && `${next.createdAt}.${next.id}` };
    });
}
