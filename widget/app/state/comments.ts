/**
 * What the thread's comments act with: the API, the thread and the page. The acts themselves
 * (post, reply, edit, delete, hide, report, more replies, close, like, pin) are in the on-click
 * chunk (comment-writes.ts), since none of them runs before a click.
 */
import type { WidgetApi } from '../api.ts';
import type { WidgetOptions } from '../options.ts';
import type { ThreadStore } from './thread.ts';

export interface CommentActions {
  api: WidgetApi;
  thread: ThreadStore;
  /**
   * The site, the page's key and title, and the article's address: comment dates link to
   * `url#pikir-<id>`.
   */
  page: Pick<WidgetOptions, 'site' | 'page' | 'title' | 'url'>;
  /** The thread's own settings, for the forms' length limit and the dislike button. */
  config: ThreadStore['config'];
  closed: ThreadStore['closed'];
}

export function createCommentActions(
  api: WidgetApi,
  thread: ThreadStore,
  page: Pick<WidgetOptions, 'site' | 'page' | 'title' | 'url'>,
): CommentActions {
  return { api, thread, page, config: thread.config, closed: thread.closed };
}
