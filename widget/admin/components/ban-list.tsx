import type { AdminSite } from '../../../shared/api.ts';
import { fill } from '../../../shared/i18n/fill.ts';
import { errorText } from '../../ui/error-text.ts';
import { dateText, personName, useLocale } from '../i18n.ts';
import type { BansStore } from '../state/bans.ts';
import { SiteSelect } from './site-select.tsx';

/** The "Блокировки" page: who is banned on the site, until when, why, by whom; unbanning. */
export function BanList({ store, sites }: { store: BansStore; sites: AdminSite[] }) {
  const { t, a, lang } = useLocale();
  const bans = store.bans.value;
  return (
    <>
      <section class="filters" aria-label={a.filters.label}>
        <SiteSelect
          id="pikir-admin-bans-site"
          sites={sites}
          value={store.site.value}
          onChange={(site) => void store.chooseSite(site)}
        />
      </section>
      {store.lifted.value && (
        <p class="done" role="status">
          {fill(a.bans.done, { name: personName(store.lifted.value, a) })}
        </p>
      )}
      {store.liftError.value && (
        <p class="error" role="alert">
          {errorText(t, store.liftError.value)}
        </p>
      )}
      {store.loadError.value ? (
        <div class="card form" role="alert">
          <p class="error">{a.bans.loadFailed}</p>
          <button type="button" class="button secondary" onClick={() => void store.load()}>
            {a.retry}
          </button>
        </div>
      ) : !bans ? (
        <p class="page-status" role="status">
          {a.loading}
        </p>
      ) : bans.length === 0 ? (
        <p class="empty">{a.bans.empty}</p>
      ) : (
        <ul class="bans">
          {bans.map((ban) => (
            <li key={ban.id} class="card">
              <dl class="facts">
                <div>
                  <dt>{a.bans.reader}</dt>
                  <dd>{personName(ban.user.name, a)}</dd>
                </div>
                <div>
                  <dt>{a.bans.until}</dt>
                  <dd>{ban.until === null ? a.bans.forever : dateText(ban.until, lang)}</dd>
                </div>
                <div>
                  <dt>{a.bans.reason}</dt>
                  <dd>{ban.reason}</dd>
                </div>
                <div>
                  <dt>{a.bans.by}</dt>
                  <dd>{personName(ban.actor.name, a)}</dd>
                </div>
                <div>
                  <dt>{a.bans.when}</dt>
                  <dd>{dateText(ban.createdAt, lang)}</dd>
                </div>
              </dl>
              <button
                type="button"
                class="button secondary small"
                aria-label={fill(a.bans.unbanLabel, { name: personName(ban.user.name, a) })}
                disabled={store.lifting.value !== null}
                onClick={() => void store.lift(ban.user)}
              >
                {a.bans.unban}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
