import { useRef } from 'preact/hooks';
import type { AdminSite } from '../../../shared/api.ts';
import { useLocale } from '../i18n.ts';
import type { AuditStore } from '../state/audit.ts';
import { AuditEntryView } from './audit-entry.tsx';
import { LoadFailed, ShowMore } from './load-state.tsx';
import { SiteSelect } from './site-select.tsx';

/** Every moderation decision on a site, newest first. */
export function AuditLog({ store, sites }: { store: AuditStore; sites: AdminSite[] }) {
  const { a } = useLocale();
  const { entries, loading, loadError } = store;
  const list = useRef<HTMLOListElement>(null);

  // After "show more", focus goes to the first new entry.
  const more = async () => {
    const before = entries.value.length;
    await store.loadMore();
    list.current?.querySelectorAll<HTMLElement>(':scope > li')[before]?.focus();
  };

  return (
    <>
      <section class="filters" aria-label={a.filters.label}>
        <SiteSelect
          id="pikir-admin-audit-site"
          sites={sites}
          value={store.site.value}
          onChange={(site) => void store.chooseSite(site)}
        />
      </section>
      {loadError.value ? (
        <LoadFailed title={a.audit.loadFailed} code={loadError.value} onRetry={() => void store.load()} />
      ) : loading.value && entries.value.length === 0 ? (
        <p class="page-status" role="status">
          {a.loading}
        </p>
      ) : entries.value.length === 0 ? (
        <p class="empty">{a.audit.empty}</p>
      ) : (
        <ol class="audit" ref={list} aria-busy={loading.value}>
          {entries.value.map((entry) => (
            <li key={entry.id} class="card" tabIndex={-1}>
              <AuditEntryView entry={entry} />
            </li>
          ))}
        </ol>
      )}
      {!loadError.value && (
        <ShowMore
          visible={store.nextCursor.value !== null}
          busy={loading.value}
          error={store.moreError.value}
          onMore={() => void more()}
        />
      )}
    </>
  );
}
