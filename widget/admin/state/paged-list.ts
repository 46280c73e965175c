/**
 * A list the server hands out a page at a time (the queue, the audit log): the first page, "show
 * more", and the errors of each. A reload while a page is on its way drops that page, so a filter
 * change never mixes two lists; an item already shown is not shown twice if the list shifted.
 */
import { batch, signal } from '@preact/signals';
import { codeOf } from '../../../shared/client.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function createPagedList<T>(
  fetchPage: (cursor?: string) => Promise<Page<T>>,
  keyOf: (item: T) => string,
) {
  const items = signal<T[]>([]);
  const nextCursor = signal<string | null>(null);
  const loading = signal(false);
  /** Set when the first page could not be loaded: the list is not shown. */
  const loadError = signal<string | null>(null);
  const moreError = signal<string | null>(null);
  let generation = 0;

  async function load() {
    const mine = ++generation;
    batch(() => {
      loading.value = true;
      loadError.value = null;
      moreError.value = null;
    });
    try {
      const page = await fetchPage();
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
      const page = await fetchPage(cursor);
      if (mine !== generation) return;
      const seen = new Set(items.value.map(keyOf));
      batch(() => {
        items.value = [...items.value, ...page.items.filter((item) => !seen.has(keyOf(item)))];
        nextCursor.value = page.nextCursor;
      });
    } catch (failure) {
      if (mine === generation) moreError.value = codeOf(failure);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  return { items, nextCursor, loading, loadError, moreError, load, loadMore };
}
