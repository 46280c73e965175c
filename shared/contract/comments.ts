/** Readers write, under /api/sites/:site, from the site's origins with a Bearer session. */
import type { CommentCreated, ComplaintReceived, PageClosedView } from '../api.ts';
import { editCommentSchema, newCommentSchema, newComplaintSchema, pageClosedSchema } from '../schemas.ts';
import { type EndpointTable, endpoint, type NoContent } from './endpoint.ts';

export const commentEndpoints = {
  /** Posts a comment or a reply (a reply to a reply hangs under the top comment). */
  'POST /api/sites/:site/comments': endpoint('reader').body(newCommentSchema).answers<CommentCreated>(201),
  /** Edits an own comment within 15 minutes. */
  'PATCH /api/sites/:site/comments/:id': endpoint('reader')
    .body(editCommentSchema)
    .answers<CommentCreated>(200),
  /** Deletes an own comment, or any as the site's admin; one with replies stays as a placeholder. */
  'DELETE /api/sites/:site/comments/:id': endpoint('reader').answers<NoContent>(204),
  /** Closes a page's thread to new comments or reopens it: the site's admins only (audit-logged). */
  'PUT /api/sites/:site/pages/closed': endpoint('reader').body(pageClosedSchema).answers<PageClosedView>(200),
  /** Hides a comment from readers: the site's admins only. */
  'POST /api/sites/:site/comments/:id/hide': endpoint('reader').answers<CommentCreated>(200),
  /** Shows a hidden comment to readers again: the site's admins only. */
  'POST /api/sites/:site/comments/:id/unhide': endpoint('reader').answers<CommentCreated>(200),
  /** Reports a comment: 201 `{status: "received"}`, or 200 `{status: "already_reported"}`. */
  'POST /api/sites/:site/comments/:id/complaints': endpoint('reader')
    .body(newComplaintSchema)
    .answers<ComplaintReceived>(201),
} as const satisfies EndpointTable;
