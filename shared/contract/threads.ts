/** Reading: a thread page for the widget, and comment counts for article lists. */
import type { CountsResponse, RepliesPage, ThreadPage } from '../api.ts';
import { countsQuerySchema, repliesQuerySchema, threadQuerySchema } from '../schemas.ts';
import { type EndpointTable, endpoint } from './endpoint.ts';

export const threadEndpoints = {
  /** A page of the thread: newest top-level comments first (20), replies under each, `nextCursor` for "Показать ещё"; a signed-in reader also gets their own withheld comments, an admin all of them. */
  'GET /api/sites/:site/comments': endpoint('reader?').query(threadQuerySchema).answers<ThreadPage>(200),
  /** "Показать ещё ответы": the replies of a top-level comment after `cursor`, oldest first (50), as the thread shows them to this reader. */
  'GET /api/sites/:site/comments/:id/replies': endpoint('reader?')
    .query(repliesQuerySchema)
    .answers<RepliesPage>(200),
  /** Comment counts for list pages, from any origin, cached for a minute: `?site=ID&page=A&page=B` answers `{"counts": {"A": 3, "B": 0}}`. */
  'GET /api/counts': endpoint('public').query(countsQuerySchema).answers<CountsResponse>(200),
} as const satisfies EndpointTable;
