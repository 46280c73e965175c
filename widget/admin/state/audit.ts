/** The audit log of one site, newest first as the server sends it, a page at a time. */
import { batch, signal } from '@preact/signals';
import type { AuditEntry } from '../../../shared/api.ts';
import { type AdminApi, codeOf } from '../api.ts';

export type AuditStore = ReturnType<typeof createAuditStore>;

export function createAuditStore(api: AdminApi, firstSite: string) {
  const site = signal(firstSite);
  const entries = signal<AuditEntry[]>([]);
  const nextCursor = signal<string | null>(null);
  const loading = signal(false);
  const loadError = signal<string | null>(null);
  const moreError = signal<string | null>(null);
  // A site change while a page is on its way must not mix that page into the new list.
  let generation = 0;

  async function load() {
    const mine = ++generation;
    batch(() => {
      loading.value = true;
      loadError.value = null;
      moreError.value = null;
    });
    try {
      const page = await api.audit({ site: site.value });
      if (mine !== generation) return;
      batch(() => {
        entries.value = page.entries;
        nextCursor.value = page.nextCursor;
      });
    } catch (failure) {
      if (mine !== generation) return;
      batch(() => {
        entries.value = [];
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
      const page = await api.audit({ site: site.value, cursor });
      if (mine !== generation) return;
      const seen = new Set(entries.value.map((entry) => entry.id));
      batch(() => {
        entries.value = [...entries.value, ...page.entries.filter((entry) => !seen.has(entry.id))];
        nextCursor.value = page.nextCursor;
      });
    } catch (failure) {
      if (mine === generation) moreError.value = codeOf(failure);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  function chooseSite(id: string) {
    site.value = id;
    return load();
  }

  return { site, entries, nextCursor, loading, loadError, moreError, load, loadMore, chooseSite };
}
