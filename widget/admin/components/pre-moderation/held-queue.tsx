import type { AdminSite, QueueItem } from '../../../../shared/api.ts';
import { fill } from '../../../../shared/i18n/fill.ts';
import { premodDictionaries } from '../../../../shared/i18n/premod/dictionaries.ts';
import { errorText } from '../../../ui/error-text.ts';
import type { AdminApi } from '../../api.ts';
import { dateText, useLocale } from '../../i18n.ts';
import type { HeldStore } from '../../state/held.ts';
import { ArticleLink } from '../article-link.tsx';
import { AuthorHistory } from '../author-history.tsx';
import { CommentText } from '../comment-text.tsx';
import { PagedListView } from '../paged-list-view.tsx';
import { SiteSelect } from '../site-select.tsx';

/** Comments waiting in pre-moderation, oldest first, each published or rejected with one button. */
export function HeldQueue({ store, sites, api }: { store: HeldStore; sites: AdminSite[]; api: AdminApi }) {
  const { a, lang } = useLocale();
  const p = premodDictionaries[lang];
  return (
    <>
      <section class="filters" aria-label={a.filters.label}>
        <SiteSelect
          id="pikir-admin-held-site"
          sites={sites}
          value={store.site.value}
          onChange={(site) => void store.filter(site)}
        />
      </section>
      <PagedListView
        list={store}
        failedTitle={p.held.loadFailed}
        emptyText={p.held.empty}
        onMore={() => void store.loadMore()}
      >
        <ol class="queue" aria-busy={store.loading.value}>
          {store.items.value.map((item) => (
            <HeldItem key={item.comment.id} item={item} store={store} api={api} />
          ))}
        </ol>
      </PagedListView>
    </>
  );
}

function HeldItem({ item, store, api }: { item: QueueItem; store: HeldStore; api: AdminApi }) {
  const { t, lang, a } = useLocale();
  const { comment, author } = item;
  const id = comment.id;
  const headingId = `pikir-admin-held-${id}`;
  const busy = store.busy.value[id] === true;
  const done = store.done.value[id];
  const error = store.errors.value[id];
  return (
    <li class="card item">
      <article aria-labelledby={headingId}>
        <header class="item-head">
          <h2 id={headingId} tabIndex={-1}>
            {fill(a.queue.comment, { name: author.name })}
          </h2>
          <span class="badge" data-status={comment.status}>
            {a.queue.statuses[comment.status]}
          </span>
        </header>
        <CommentText text={comment.text} />
        <p class="muted small">{fill(a.queue.posted, { date: dateText(comment.createdAt, lang) })}</p>
        <dl class="facts">
          <dt>{a.queue.article}</dt>
          <dd>
            <ArticleLink page={item.page} />
          </dd>
          <dt>{a.queue.author}</dt>
          <dd>
            {author.name} · <span class="contact">{author.contact ?? a.queue.noContact}</span>
          </dd>
        </dl>
        <AuthorHistory api={api} site={item.site} author={author} />
        <div class="moderation">
          {comment.status === 'held' && (
            <fieldset class="actions">
              <legend class="visually-hidden">{a.actions.label}</legend>
              <button
                type="button"
                class="button"
                disabled={busy}
                onClick={() => void store.decide(item, 'approve')}
              >
                {a.actions.approve}
              </button>
              <button
                type="button"
                class="button danger"
                disabled={busy}
                onClick={() => void store.decide(item, 'reject')}
              >
                {a.actions.reject}
              </button>
            </fieldset>
          )}
          {error && (
            <p class="error" role="alert">
              {errorText(t, error)}
            </p>
          )}
          <p class="done" role="status">
            {done ? a.actions.done[done] : ''}
          </p>
        </div>
      </article>
    </li>
  );
}
