/** The thread as signals: what the loader fetched first, then "show more" pages. */

import type {
  BanView,
  CommentView,
  SiteConfig,
  ThreadComment,
  ThreadOrder,
  ThreadPage,
} from '../../../shared/api.ts';
import { codeOf } from '../../../shared/client.ts';
import { COMMENT_MAX_LENGTH } from '../../../shared/limits.ts';
import type { WidgetApi } from '../api.ts';
import type { WidgetOptions } from '../options.ts';
import { batch, signal } from '../signals.ts';

export type ThreadStore = ReturnType<typeof createThreadStore>;

/** Oldest first, as the server orders replies: by time, then by id. */
export const byAge = (a: CommentView, b: CommentView) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function createThreadStore(
  api: WidgetApi,
  options: Pick<WidgetOptions, 'site' | 'page' | 'first' | 'order'>,
) {
  const comments = signal<ThreadComment[]>([]);
  /** "Сортировка": remembered per site (thread/reactions.ts sortBy), read by the loader for the first page. */
  const order = signal<ThreadOrder>((options.order as ThreadOrder) || 'new');
  const total = signal(0);
  const nextCursor = signal<string | null>(null);
  /** An error code while the first page could not be shown. */
  const loadError = signal<string | null>(null);
  const moreError = signal<string | null>(null);
  const loading = signal(false);
  /** The thread takes no new comments (closed by an admin or by the site's closeAfterDays). */
  const closed = signal(false);
  /** The signed-in reader's ban on the site, if one holds: it replaces the composer. */
  const ban = signal<BanView | null>(null);
  /** For phone numbers typed without "+"; the spec's default until the server has said otherwise. */
  /** The site's settings the widget needs; the defaults hold until a thread page arrives. */
  const config = signal<SiteConfig>({
    defaultCountry: 'KZ',
    smsCountries: ['KZ'],
    commentMaxLength: COMMENT_MAX_LENGTH,
  });

  /**
   * New top-level comments from the live stream (widget/app/live.ts), newest first, behind a bar
   * that shows them (live.ts showFresh).
   */
  const fresh = signal<ThreadComment[]>([]);
  /**
   * Comments this reader is hiding right now: the stream's `remove` for them may arrive before the
   * server's answer marks them hidden here, and must not take them from an admin's view.
   */
  const hiding = new Set<string>();
  /** The first page's version: where the live stream resumes (a later page's would skip). */
  const version = signal(0);
  const show = (page: ThreadPage, append: boolean) =>
    batch(() => {
      if (!append) {
        version.value = page.version;
        fresh.value = [];
      }
      comments.value = append ? [...comments.value, ...page.comments] : page.comments;
      total.value = page.total;
      nextCursor.value = page.nextCursor;
      loadError.value = null;
      config.value = page.config;
      closed.value = page.closed === true;
      ban.value = page.viewer?.ban ?? null;
    });

  const fetchPage = (cursor?: string) =>
    api.call('GET /api/sites/:site/comments', { query: { page: options.page, order: order.value, cursor } });

  async function reload() {
    loading.value = true;
    try {
      show(await fetchPage(), false);
    } catch (error) {
      loadError.value = codeOf(error);
    } finally {
      loading.value = false;
    }
  }

  async function loadMore() {
    if (!nextCursor.value || loading.value) return;
    loading.value = true;
    moreError.value = null;
    try {
      show(await fetchPage(nextCursor.value), true);
    } catch (error) {
      moreError.value = codeOf(error);
    } finally {
      loading.value = false;
    }
  }

  if (options.first.ok) show(options.first.body, false);
  else loadError.value = options.first.body.error.code;

  return {
    comments,
    total,
    nextCursor,
    loadError,
    moreError,
    loading,
    config,
    closed,
    ban,
    fresh,
    hiding,
    version,
    order,
    site: options.site,
    reload,
    loadMore,
  };
}
