/** Readers write, under /api/sites/:site, from the site's origins with a Bearer session. */
import type { CommentCreated, ComplaintReceived } from '../api.ts';
import { editCommentSchema, newCommentSchema, newComplaintSchema } from '../schemas.ts';
import { type EndpointTable, type NoContent, returns } from './endpoint.ts';

export const commentEndpoints = {
  'POST /api/sites/:site/comments': {
    access: 'reader',
    body: newCommentSchema,
    status: 201,
    answer: returns<CommentCreated>(),
    doc: 'Posts a comment or a reply (a reply to a reply hangs under the top comment)',
  },
  'PATCH /api/sites/:site/comments/:id': {
    access: 'reader',
    body: editCommentSchema,
    status: 200,
    answer: returns<CommentCreated>(),
    doc: 'Edits an own comment within 15 minutes',
  },
  'DELETE /api/sites/:site/comments/:id': {
    access: 'reader',
    status: 204,
    answer: returns<NoContent>(),
    doc: "Deletes an own comment, or any as the site's admin; one with replies stays as a placeholder",
  },
  'POST /api/sites/:site/comments/:id/hide': {
    access: 'reader',
    status: 200,
    answer: returns<CommentCreated>(),
    doc: "Hides a comment from readers: the site's admins only",
  },
  'POST /api/sites/:site/comments/:id/complaints': {
    access: 'reader',
    body: newComplaintSchema,
    status: 201,
    answer: returns<ComplaintReceived>(),
    doc: 'Reports a comment: 201 `{status: "received"}`, or 200 `{status: "already_reported"}`',
  },
} as const satisfies EndpointTable;
