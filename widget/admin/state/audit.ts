/**
 * The audit log of one site ("": every site of the admin's), newest first as the server sends
 * it, a page at a time, with the server's own events about the sites (the SMS budget running out)
 * beside it.
 */
import { signal } from '@preact/signals';
import type { AuditEntry, SiteEvent } from '../../../shared/api.ts';
import type { AdminApi } from '../api.ts';
import { createPagedList } from './paged-list.ts';

export type AuditStore = ReturnType<typeof createAuditStore>;

export function createAuditStore(api: AdminApi, firstSite: string, allSites: string[] = [firstSite]) {
  const site = signal(firstSite);
  const list = createPagedList<AuditEntry>(
    async (cursor) => {
      const query = { ...(site.value ? { site: site.value } : {}), cursor };
      const page = await api.call('GET /admin/api/audit', { query });
      return { items: page.entries, nextCursor: page.nextCursor };
    },
    (entry) => entry.id,
  );

  const events = signal<SiteEvent[]>([]);

  async function load() {
    const asked = site.value;
    // The events are a side note: a failure to fetch them leaves the log itself untouched.
    const sites = asked ? [asked] : allSites;
    const side = Promise.all(
      sites.map((id) => api.call('GET /admin/api/events', { query: { site: id } })),
    ).then(
      (answers) => {
        // The server's own events (site null) come with every site's: shown once.
        const seen = new Set<string>();
        const all = answers
          .flatMap((answer) => answer.events)
          .filter(
            (e) => !seen.has(`${e.at} ${e.kind} ${e.message}`) && seen.add(`${e.at} ${e.kind} ${e.message}`),
          )
          .sort((x, y) => y.at - x.at);
        if (site.value === asked) events.value = all;
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
