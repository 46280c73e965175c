/** The live thread: a page's changes as Server-Sent Events (server/routes/live.ts). */
import { liveQuerySchema } from '../schemas.ts';
import { type EndpointTable, endpoint } from './endpoint.ts';

export const liveEndpoints = {
  /** `text/event-stream` of a page's thread as anonymous readers see it: `comment` (new, edited, or a deleted top-level comment's placeholder), `remove`, `count`, and `reset` (reload the thread, reconnect with its `version`); each event's `id` is the page's version, resumed from `since` or `Last-Event-ID`; `:` heartbeats every 25 s. */
  'GET /api/sites/:site/pages/events': endpoint('public').query(liveQuerySchema).answers<never>(200),
} as const satisfies EndpointTable;
