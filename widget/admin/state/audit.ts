/**
 * The audit log of one site, newest first as the server sends it, a page at a time, with the
 * server's own events about the site (the SMS budget running out) beside it.
 */
import { signal } from '@preact/signals';
import type { AuditEntry, SiteEvent } from '../../../shared/api.ts';
import type { AdminApi } from '../api.ts';
import { createPagedList } from './paged-list.ts';

export type AuditStore = ReturnType<typeof createAuditStore>;

export function createAuditStore(api: AdminApi, firstSite: string) {
  const site = signal(firstSite);
  const list = createPagedList<AuditEntry>(
    async (cursor) => {
      const page = await api.call('GET /admin/api/audit', { query: { site: site.value, cursor } });
      return { items: page.entries, nextCursor: page.nextCursor };
    },
    (entry) => entry.id,
  );

  const events = signal<SiteEvent[]>([]);

  async function load() {
    const asked = site.value;
    // The events are a side note: a failure to fetch them leaves the log itself untouched.
    const side = api.call('GET /admin/api/events', { query: { site: asked } }).then(
      (answer) => {
        if (site.value === asked) events.value = answer.events;
      },
      () => {
        if (site.value === asked) events.value = [];
      },
    );
    await Promise.all([list.load(), side]);
  }

  function chooseSite(id: string) {
    site.value = id;
    return load();
  }

  return { site, entries: list.items, ...list, events, load, chooseSite };
}
