/**
 * GET /admin/api/audit?site=&cursor=: who did what, when and why, newest first.
 * GET /admin/api/events?site=: what the server did about the site on its own (the SMS budget).
 */
import { Hono } from 'hono';
import type { AuditPage, SiteEvents } from '../../../shared/api.ts';
import { auditQuerySchema, siteQuerySchema } from '../../../shared/schemas.ts';
import type { Deps } from '../../deps.ts';
import { sitesInScope } from '../../http/admin-session.ts';
import type { AppEnv } from '../../http/env.ts';
import { parseInput, queryOf } from '../../http/validate.ts';
import { listAdminLog } from '../../storage/admin-log.ts';
import { listAudit } from '../../storage/audit.ts';

const AUDIT_PAGE_SIZE = 50;
const EVENTS_SHOWN = 20;

export function adminAuditRoutes(deps: Pick<Deps, 'db'>) {
  return new Hono<AppEnv>()
    .get('/events', async (c) => {
      const { site } = parseInput(siteQuerySchema, queryOf(c));
      sitesInScope(c, site);
      const rows = await listAdminLog(deps.db, site, EVENTS_SHOWN);
      return c.json({
        events: rows.map((r) => ({ kind: r.kind, message: r.message, at: Number(r.at) })),
      } satisfies SiteEvents);
    })
    .get('/audit', async (c) => {
      const query = parseInput(auditQuerySchema, queryOf(c));
      const dot = query.cursor?.indexOf('.') ?? -1;
      const { entries, next } = await listAudit(deps.db, {
        sites: sitesInScope(c, query.site),
        before:
          query.cursor && dot > 0
            ? { createdAt: Number(query.cursor.slice(0, dot)), id: query.cursor.slice(dot + 1) }
            : undefined,
        limit: AUDIT_PAGE_SIZE,
      });
      return c.json({ entries, nextCursor: next && `${next.createdAt}.${next.id}` } satisfies AuditPage);
    });
}
