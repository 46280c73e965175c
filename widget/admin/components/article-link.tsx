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
