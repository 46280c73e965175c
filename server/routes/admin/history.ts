/** GET /admin/api/users/:id/history?site=: an author's comments on a site and what was done about them. */
import { Hono } from 'hono';
import type { AuthorHistory } from '../../../shared/api.ts';
import { siteQuerySchema } from '../../../shared/schemas.ts';
import type { Deps } from '../../deps.ts';
import { sitesInScope } from '../../http/admin-session.ts';
import type { AppEnv } from '../../http/env.ts';
import { parseInput, queryOf } from '../../http/validate.ts';
import { listAudit } from '../../storage/audit.ts';
import { selectComments, toRecordView } from '../../storage/comments.ts';

/** The most recent this many comments and actions; enough to recognise a repeat offender. */
const HISTORY_MAX = 100;

export function adminHistoryRoutes(deps: Pick<Deps, 'db'>) {
  return new Hono<AppEnv>().get('/users/:id/history', async (c) => {
    const query = parseInput(siteQuerySchema, queryOf(c));
    const sites = sitesInScope(c, query.site);
    const userId = c.req.param('id');
    const rows = await selectComments(deps.db)
      .innerJoin('pages as p', (join) =>
        join.onRef('p.site_id', '=', 'c.site_id').onRef('p.page_key', '=', 'c.page_key'),
      )
      .select(['p.title', 'p.url'])
      .where('c.author_id', '=', userId)
      .where('c.site_id', '=', query.site)
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(HISTORY_MAX)
      .execute();
    const { entries } = await listAudit(deps.db, { sites, targetUserId: userId, limit: HISTORY_MAX });
    return c.json({
      comments: rows.map((row) => ({ ...toRecordView(row), page: { title: row.title, url: row.url } })),
      actions: entries,
    } satisfies AuthorHistory);
  });
}
