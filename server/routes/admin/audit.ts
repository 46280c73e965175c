/** GET /admin/api/audit?site=&cursor=: who did what, when and why, newest first. */
import { Hono } from 'hono';
import type { AuditPage } from '../../../shared/api.ts';
import { auditQuerySchema } from '../../../shared/schemas.ts';
import type { Deps } from '../../app.ts';
import { sitesInScope } from '../../http/admin-session.ts';
import type { AppEnv } from '../../http/env.ts';
import { parseInput, queryOf } from '../../http/validate.ts';
import { listAudit } from '../../storage/audit.ts';

const AUDIT_PAGE_SIZE = 50;

export function adminAuditRoutes(deps: Pick<Deps, 'db'>) {
  return new Hono<AppEnv>().get('/audit', async (c) => {
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
