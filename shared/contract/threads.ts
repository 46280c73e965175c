/** Reading: a thread page for the widget, and comment counts for article lists. */
import type { CountsResponse, ThreadPage } from '../api.ts';
import { countsQuerySchema, threadQuerySchema } from '../schemas.ts';
import { type EndpointTable, returns } from './endpoint.ts';

export const threadEndpoints = {
  'GET /api/sites/:site/comments': {
    access: 'reader?',
    query: threadQuerySchema,
    status: 200,
    answer: returns<ThreadPage>(),
    doc: 'A page of the thread: newest top-level comments first (20), replies under each, `nextCursor` for "Показать ещё"; a signed-in reader also gets their own withheld comments, an admin all of them',
  },
  'GET /api/counts': {
    access: 'public',
    query: countsQuerySchema,
    status: 200,
    answer: returns<CountsResponse>(),
    doc: 'Comment counts for list pages, from any origin, cached for a minute: `?site=ID&page=A&page=B` answers `{"counts": {"A": 3, "B": 0}}`',
  },
} as const satisfies EndpointTable;
