/** The audit log of one site, newest first as the server sends it, a page at a time. */
import { signal } from '@preact/signals';
import type { AuditEntry } from '../../../shared/api.ts';
import type { AdminApi } from '../api.ts';
import { createPagedList } from './paged-list.ts';

export type AuditStore = ReturnType<typeof createAuditStore>;

export function createAuditStore(api: AdminApi, firstSite: string) {
  const site = signal(firstSite);
  const list = createPagedList<AuditEntry>(
    async (cursor) => {
      const page = await api.audit({ site: site.value, ...(cursor ? { cursor } : {}) });
      return { items: page.entries, nextCursor: page.nextCursor };
    },
    (entry) => entry.id,
  );

  function chooseSite(id: string) {
    site.value = id;
    return list.load();
  }

  return { site, entries: list.items, ...list, chooseSite };
}
