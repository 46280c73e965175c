/**
 * Likes (and a site's optional dislikes), pinned comments and permalinks, under /api/sites/:site
 * from the site's origins, and pinning from the admin panel.
 */
import type { CommentContext, CommentCreated, ReactionView } from '../api.ts';
import { pinnedSchema, reactionSchema } from '../schemas.ts';
import { type EndpointTable, endpoint } from './endpoint.ts';

export const reactionEndpoints = {
  /**
   * Sets the reader's reaction to a published comment: `like`, `dislike` (403 `dislikes_off` where
   * the site has likes only) or `none`; 403 `own_comment` on one's own, `banned` for a banned
   * reader, `thread_closed` in a closed thread; 30 a minute and 300 an hour (429 `rate_limited`).
   */
  'PUT /api/sites/:site/comments/:id/reaction': endpoint('reader')
    .body(reactionSchema)
    .answers<ReactionView>(200),
  /** Pins a top-level comment first in every order, or unpins it: the site's admins only (audit-logged); 409 `pin_limit` past 3 a page. */
  'PUT /api/sites/:site/comments/:id/pinned': endpoint('reader')
    .body(pinnedSchema)
    .answers<CommentCreated>(200),
  /** A permalink's comment in its thread: its top-level comment with the first 3 replies and the linked one; 404 when this reader may not see it. */
  'GET /api/sites/:site/comments/:id/context': endpoint('reader?').answers<CommentContext>(200),
  /** Pins or unpins a top-level comment from the panel, as in the widget; 403 when not the admin's site. */
  'PUT /admin/api/comments/:id/pinned': endpoint('panel').body(pinnedSchema).answers<CommentCreated>(200),
} as const satisfies EndpointTable;
