import { useLayoutEffect, useRef } from 'preact/hooks';
import type { AdminSite, SiteEvent } from '../../../shared/api.ts';
import { dateText, useLocale } from '../i18n.ts';
import type { AuditStore } from '../state/audit.ts';
import { AuditEntryView } from './audit-entry.tsx';
import { PagedListView } from './paged-list-view.tsx';
import { SiteSelect } from './site-select.tsx';

/** Every moderation decision on a site or all of them, newest first, and what the server itself reported. */
export function AuditLog({ store, sites }: { store: AuditStore; sites: AdminSite[] }) {
  const { a, lang } = useLocale();
  const eventText = (event: SiteEvent) =>
    event.kind === 'sms_budget_exhausted' || event.kind === 'webhook_failed'
      ? a.events[event.kind]
      : event.message;
  const { entries, loading } = store;
  const list = useRef<HTMLOListElement>(null);

  // After "show more", focus goes to the first new entry in the commit that renders it: a frame
  // later, a key pressed meanwhile would go to the button that just left.
  const focusAt = useRef<number | null>(null);
  const count = entries.value.length;
  useLayoutEffect(() => {
    const at = focusAt.current;
    if (at === null || count <= at) return;
    focusAt.current = null;
    list.current?.querySelectorAll<HTMLElement>(':scope > li')[at]?.focus();
  }, [count]);
  const more = async () => {
    focusAt.current = entries.value.length;
    await store.loadMore();
  };

  return (
    <>
      <section class="filters" aria-label={a.filters.label}>
        <SiteSelect
          id="pikir-admin-audit-site"
          sites={sites}
          value={store.site.value}
          onChange={(site) => void store.chooseSite(site)}
          all={sites.length > 1}
        />
      </section>
      {store.events.value.length > 0 && (
        <section class="card events" aria-labelledby="pikir-admin-events">
          <h2 id="pikir-admin-events">{a.events.title}</h2>
          <ul>
            {store.events.value.map((event) => (
              <li key={`${event.at}-${event.kind}`}>
                <time dateTime={new Date(event.at).toISOString()}>{dateText(event.at, lang)}</time>{' '}
                {eventText(event)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <PagedListView
        list={store}
        failedTitle={a.audit.loadFailed}
        emptyText={a.audit.empty}
        onMore={() => void more()}
      >
        <ol class="audit" ref={list} aria-busy={loading.value}>
          {entries.value.map((entry) => (
            <li key={entry.id} class="card" tabIndex={-1}>
              <AuditEntryView entry={entry} sites={sites} />
            </li>
          ))}
        </ol>
      </PagedListView>
    </>
  );
}
