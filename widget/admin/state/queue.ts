/**
 * The moderation queue as signals: one site and one state at a time, pages in the server's order
 * (most-reported first, then oldest). Actions are not optimistic: an item changes only to what
 * the server answered, so the panel never shows a decision that was not taken.
 */
import { batch, signal } from '@preact/signals';
import type { ModerationAction, QueueItem } from '../../../shared/api.ts';
import { type AdminApi, codeOf, type QueueState } from '../api.ts';

export type QueueStore = ReturnType<typeof createQueueStore>;

export type Decision = Omit<ModerationAction, 'site'>;

export function createQueueStore(api: AdminApi, firstSite: string) {
  const site = signal(firstSite);
  const state = signal<QueueState>('open');
  const items = signal<QueueItem[]>([]);
  const nextCursor = signal<string | null>(null);
  const loading = signal(false);
  /** Set when the first page could not be loaded: the list is not shown. */
  const loadError = signal<string | null>(null);
  const moreError = signal<string | null>(null);
  // A filter change while a page is on its way must not mix that page into the new list.
  let generation = 0;

  async function load() {
    const mine = ++generation;
    batch(() => {
      loading.value = true;
      loadError.value = null;
      moreError.value = null;
    });
    try {
      const page = await api.queue({ site: site.value, status: state.value });
      if (mine !== generation) return;
      batch(() => {
        items.value = page.items;
        nextCursor.value = page.nextCursor;
      });
    } catch (failure) {
      if (mine !== generation) return;
      batch(() => {
        items.value = [];
        nextCursor.value = null;
        loadError.value = codeOf(failure);
      });
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function loadMore() {
    const cursor = nextCursor.value;
    if (!cursor || loading.value) return;
    const mine = generation;
    loading.value = true;
    moreError.value = null;
    try {
      const page = await api.queue({ site: site.value, status: state.value, cursor });
      if (mine !== generation) return;
      // The queue can shift between pages; an item already shown is not shown twice.
      const seen = new Set(items.value.map((item) => item.comment.id));
      batch(() => {
        items.value = [...items.value, ...page.items.filter((item) => !seen.has(item.comment.id))];
        nextCursor.value = page.nextCursor;
      });
    } catch (failure) {
      if (mine === generation) moreError.value = codeOf(failure);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  function filter(next: { site?: string; state?: QueueState }) {
    batch(() => {
      if (next.site !== undefined) site.value = next.site;
      if (next.state !== undefined) state.value = next.state;
    });
    return load();
  }

  /** Sends a decision and puts the server's answer in place of the item; rejects on failure. */
  async function act(item: QueueItem, decision: Decision): Promise<QueueItem> {
    const updated = await api.act(item.comment.id, { ...decision, site: item.site });
    items.value = items.value.map((it) => (it.comment.id === item.comment.id ? updated : it));
    return updated;
  }

  return { site, state, items, nextCursor, loading, loadError, moreError, load, loadMore, filter, act };
}
