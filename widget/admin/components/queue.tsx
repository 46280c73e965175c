import { useRef } from 'preact/hooks';
import type { AdminSite, QueueState } from '../../../shared/api.ts';
import type { AdminApi } from '../api.ts';
import { useLocale } from '../i18n.ts';
import type { QueueStore } from '../state/queue.ts';
import { PagedListView } from './paged-list-view.tsx';
import { itemHeadingId, QueueItemCard } from './queue-item.tsx';
import { SiteSelect } from './site-select.tsx';

export function Queue({ store, sites, api }: { store: QueueStore; sites: AdminSite[]; api: AdminApi }) {
  const { a } = useLocale();
  const { items, loading } = store;
  const before = useRef(0);

  // After "show more", focus goes to the first new item, not back to the top or to nowhere.
  const more = async () => {
    before.current = items.value.length;
    await store.loadMore();
    const first = items.value[before.current];
    if (first) document.getElementById(itemHeadingId(first.comment.id))?.focus();
  };

  return (
    <>
      <section class="filters" aria-label={a.filters.label}>
        <SiteSelect
          id="pikir-admin-queue-site"
          sites={sites}
          value={store.site.value}
          onChange={(site) => void store.filter({ site })}
          all={sites.length > 1}
        />
        <div class="field inline">
          <label for="pikir-admin-queue-state">{a.filters.state}</label>
          <select
            id="pikir-admin-queue-state"
            value={store.state.value}
            onChange={(e) => void store.filter({ state: e.currentTarget.value as QueueState })}
          >
            <option value="open">{a.filters.open}</option>
            <option value="closed">{a.filters.closed}</option>
          </select>
        </div>
      </section>
      <PagedListView
        list={store}
        failedTitle={a.queue.loadFailed}
        emptyText={a.queue.empty}
        onMore={() => void more()}
      >
        <ol class="queue" aria-busy={loading.value}>
          {items.value.map((item) => (
            <QueueItemCard key={item.comment.id} item={item} store={store} api={api} sites={sites} />
          ))}
        </ol>
      </PagedListView>
    </>
  );
}
