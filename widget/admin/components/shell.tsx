import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { AdminMe } from '../../../shared/api.ts';
import { fill } from '../../../shared/i18n/fill.ts';
import { errorText } from '../../ui/error-text.ts';
import type { AdminApi } from '../api.ts';
import { personName, useLocale } from '../i18n.ts';
import { createAuditStore } from '../state/audit.ts';
import { createBansStore } from '../state/bans.ts';
import { createHeldStore } from '../state/held.ts';
import { createQueueStore } from '../state/queue.ts';
import type { SessionStore } from '../state/session.ts';
import { createSettingsStore } from '../state/settings.ts';
import { createTeamStore } from '../state/team.ts';
import { createViewStore, type View } from '../state/view.ts';
import { AuditLog } from './audit-log.tsx';
import { BanList } from './ban-list.tsx';
import { usePreModeration } from './pre-moderation/lazy.tsx';
import { Queue } from './queue.tsx';
import { SiteSettings } from './site-settings.tsx';
import { Team } from './team.tsx';

/**
 * The signed-in panel: who is signed in, the screens their roles allow, sign-out. The queue and
 * the log cover all the admin's sites at first; settings and the team only the sites they are an
 * admin of (the server refuses the rest anyway).
 */
export function Shell({ me, api, session }: { me: AdminMe; api: AdminApi; session: SessionStore }) {
  const { t, a } = useLocale();
  const firstSite = me.sites[0]!.id;
  const adminOf = me.sites.filter((site) => site.role === 'admin');
  const several = me.sites.length > 1;
  const views: View[] = [
    'queue',
    'held',
    'audit',
    'bans',
    ...(adminOf.length > 0 ? (['settings', 'team'] as const) : []),
  ];
  const stores = useMemo(
    () => ({
      view: createViewStore(),
      queue: createQueueStore(api, several ? '' : firstSite),
      held: createHeldStore(api, firstSite),
      audit: createAuditStore(
        api,
        several ? '' : firstSite,
        me.sites.map((site) => site.id),
      ),
      bans: createBansStore(api, firstSite),
      settings: createSettingsStore(api, adminOf[0]?.id ?? firstSite),
      team: createTeamStore(api, adminOf[0]?.id ?? firstSite),
    }),
    [api, me],
  );
  const view = stores.view.view.value;
  const preModeration = usePreModeration();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void stores.queue.load();
  }, [stores]);

  // Signing in and moving between screens put focus on the screen's heading, so keyboard and
  // screen-reader users land where the content changed instead of on a control that vanished,
  // in the commit that shows the screen.
  useLayoutEffect(() => {
    heading.current?.focus();
  }, [view]);

  const show = (next: View) => {
    if (next === view) return;
    if (next === 'held') void stores.held.load();
    if (next === 'audit') void stores.audit.load();
    if (next === 'bans') void stores.bans.load();
    if (next === 'settings') void stores.settings.load();
    if (next === 'team') void stores.team.load();
    stores.view.show(next);
  };

  return (
    <div class="shell">
      <header class="topbar">
        <p class="brand">{a.brand}</p>
        <nav aria-label={a.nav.label}>
          <ul class="nav">
            {views.map((id) => (
              <li key={id}>
                <button
                  type="button"
                  class="navlink"
                  aria-current={view === id ? 'page' : undefined}
                  onClick={() => show(id)}
                >
                  {a.nav[id]}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div class="account">
          <span class="who">{fill(a.nav.signedInAs, { name: personName(me.user.name, a) })}</span>
          <button
            type="button"
            class="button secondary small"
            onClick={() => void session.signOut()}
            disabled={session.busy.value}
          >
            {a.nav.signOut}
          </button>
        </div>
        {session.signOutError.value && (
          <p class="error" role="alert">
            {errorText(t, session.signOutError.value)}
          </p>
        )}
      </header>
      <main class="content" aria-labelledby="pikir-admin-heading">
        <h1 id="pikir-admin-heading" ref={heading} tabIndex={-1}>
          {a[view].title}
        </h1>
        {view === 'queue' && <Queue store={stores.queue} sites={me.sites} api={api} />}
        {view === 'held' &&
          (preModeration ? (
            <preModeration.HeldQueue store={stores.held} sites={me.sites} api={api} />
          ) : (
            <p class="page-status" role="status">
              {a.loading}
            </p>
          ))}
        {view === 'audit' && <AuditLog store={stores.audit} sites={me.sites} />}
        {view === 'bans' && <BanList store={stores.bans} sites={me.sites} />}
        {view === 'settings' && <SiteSettings store={stores.settings} sites={adminOf} />}
        {view === 'team' && <Team store={stores.team} sites={adminOf} />}
      </main>
    </div>
  );
}
