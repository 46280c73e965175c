import type { AdminSite, QueueItem } from '../../../shared/api.ts';
import { fill } from '../../../shared/i18n/fill.ts';
import type { AdminApi } from '../api.ts';
import { dateText, personName, useLocale } from '../i18n.ts';
import type { QueueStore } from '../state/queue.ts';
import { ArticleLink, CommentLink } from './article-link.tsx';
import { AuthorHistory } from './author-history.tsx';
import { BanStatus } from './ban-status.tsx';
import { CommentText } from './comment-text.tsx';
import { Complaints } from './complaints.tsx';
import { Moderation } from './moderation/moderation.tsx';
import { siteName } from './site-select.tsx';

export const itemHeadingId = (commentId: string) => `pikir-admin-item-${commentId}`;

/** One reported comment with everything needed to decide on it, and the decisions themselves. */
export function QueueItemCard({
  item,
  store,
  api,
  sites,
}: {
  item: QueueItem;
  store: QueueStore;
  api: AdminApi;
  sites: AdminSite[];
}) {
  const { lang, a } = useLocale();
  const { comment } = item;
  const author = { ...item.author, name: personName(item.author.name, a) };
  const headingId = itemHeadingId(comment.id);
  return (
    <li class="card item" data-state={item.state}>
      <article aria-labelledby={headingId}>
        <header class="item-head">
          <h2 id={headingId} tabIndex={-1}>
            {fill(a.queue.comment, { name: author.name })}
          </h2>
          <span class="badge count">{fill(a.queue.complaintCount, { n: item.complaints.length })}</span>
          <span class="badge" data-status={comment.status}>
            {a.queue.statuses[comment.status]}
          </span>
          <span class="badge" data-state={item.state}>
            {a.queue.states[item.state]}
          </span>
        </header>
        <CommentText text={comment.text} />
        <p class="muted small">
          {fill(a.queue.posted, { date: dateText(comment.createdAt, lang) })}{' '}
          <CommentLink pageUrl={item.page.url} commentId={comment.id} />
        </p>
        <dl class="facts">
          {sites.length > 1 && (
            <>
              <dt>{a.queue.site}</dt>
              <dd>{siteName(sites, item.site)}</dd>
            </>
          )}
          <dt>{a.queue.article}</dt>
          <dd>
            <ArticleLink page={item.page} />
          </dd>
          <dt>{a.queue.author}</dt>
          <dd>
            {author.name} · <span class="contact">{author.contact ?? a.queue.noContact}</span>
            {author.banned && (
              <>
                <br />
                <BanStatus ban={author.banned} />
              </>
            )}
          </dd>
        </dl>
        <h3>{a.queue.complaints}</h3>
        <Complaints complaints={item.complaints} />
        <AuthorHistory api={api} site={item.site} author={author} />
        <Moderation item={item} store={store} />
      </article>
    </li>
  );
}
