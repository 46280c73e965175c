/**
 * The HTTP contract between the widget (or any integrator) and the server.
 * Every failure is an `ErrorBody` (see errors.ts) with a 4xx/5xx status.
 */
import type { ErrorBody } from './errors.ts';

export type { ErrorBody };

export const apiPaths = {
  /** GET: a page of a thread, newest top-level comments first. Query: `ThreadQuery`. */
  thread: (site: string) => `/api/sites/${encodeURIComponent(site)}/comments`,
  /** GET: comment counts for list pages; any origin. Query: `site`, `page` (repeated). */
  counts: '/api/counts',
} as const;

export type CommentStatus = 'published';

export interface CommentAuthor {
  id: string;
  name: string;
}

export interface CommentView {
  id: string;
  parentId: string | null;
  author: CommentAuthor;
  /** Plain text exactly as typed; clients must render it as text, never as HTML. */
  text: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  editedAt: number | null;
  status: CommentStatus;
}

export interface ThreadComment extends CommentView {
  /** Replies oldest first; one level deep (replies to replies attach to the top comment). */
  replies: CommentView[];
}

export interface ThreadQuery {
  page: string;
  /** Opaque; pass `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ThreadPage {
  page: string;
  /** Visible comments on the page, replies included. */
  total: number;
  comments: ThreadComment[];
  /** Null on the last page. */
  nextCursor: string | null;
}

export interface CountsResponse {
  /** Every requested page id, 0 for pages without comments. */
  counts: Record<string, number>;
}
