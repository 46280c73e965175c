import { useLocale } from '../i18n.ts';

/**
 * The article's title, a link only to an http(s) URL: a stored `javascript:` or `data:` URL must
 * never become clickable. No referrer and no opener reach the article's page.
 */
export function ArticleLink({ page }: { page: { title: string; url: string } }) {
  const { a } = useLocale();
  const title = page.title.trim() || a.queue.untitled;
  if (!isHttpUrl(page.url)) return <span>{title}</span>;
  return (
    <a href={page.url} rel="noopener noreferrer" target="_blank">
      {title}
    </a>
  );
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The comment's place on its page: the page's URL with the widget's anchor `#pikir-<id>` (any
 * fragment of the stored URL replaced); null for a URL that is not http(s).
 */
export function commentLink(pageUrl: string, commentId: string): string | null {
  if (!isHttpUrl(pageUrl)) return null;
  const url = new URL(pageUrl);
  url.hash = `pikir-${commentId}`;
  return url.href;
}

/** "Открыть комментарий на странице", when the page's URL can be linked. */
export function CommentLink({ pageUrl, commentId }: { pageUrl: string; commentId: string }) {
  const { a } = useLocale();
  const href = commentLink(pageUrl, commentId);
  if (!href) return null;
  return (
    <a class="comment-link" href={href} rel="noopener noreferrer" target="_blank">
      {a.queue.openComment}
    </a>
  );
}
