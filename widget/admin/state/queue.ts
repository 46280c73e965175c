/**
 * The moderation queue as signals: one site ("": every site of the admin's) and one state at a
 * time, pages in the server's order
 * (most-reported first, then oldest). Actions are not optimistic: an item changes only to what
 * the server answered, so the panel never shows a decision that was not taken.
 */
import { batch, signal } from '@preact/signals';
import type { ModerationAction, QueueItem, QueueState } from '../../../shared/api.ts';
import type { AdminApi } from '../api.ts';
import { createPagedList } from './paged-list.ts';

export type QueueStore = ReturnType<typeof createQueueStore>;

export type Decision = Omit<ModerationAction, 'site'>;

export function createQueueStore(api: AdminApi, firstSite: string) {
  const site = signal(firstSite);
  const state = signal<QueueState>('open');
  const list = createPagedList<QueueItem>(
    (cursor) =>
      api.call('GET /admin/api/queue', {
        query: { ...(site.value ? { site: site.value } : {}), status: state.value, cursor },
      }),
    (item) => item.comment.id,
  );
  const { items, load } = list;

  function filter(next: { site?: string; state?: QueueState }) {
    batch(() => {
      if (next.site !== undefined) site.value = next.site;
      if (next.state !== undefined) state.value = next.state;
    });
    return load();
  }

  /** Sends a decision and puts the server's answer in place of the item; rejects on failure. */
  async function act(item: QueueItem, decision: Decision): Promise<QueueItem> {
    const updated = await api.call('POST /admin/api/comments/:id/actions', {
      params: { id: item.comment.id },
      body: { ...decision, site: item.site },
    });
    items.value = items.value.map((it) => (it.comment.id === item.comment.id ? updated : it));
    return updated;
  }

  return { site, state, ...list, filter, act };
}
