import type { AdminApi } from '../api.ts';
import { type AdminLocale, LocaleContext, useLocale } from '../i18n.ts';
import type { SessionStore } from '../state/session.ts';
import { Shell } from './shell.tsx';
import { SignIn } from './sign-in.tsx';

export function AdminApp({
  locale,
  session,
  api,
}: {
  locale: AdminLocale;
  session: SessionStore;
  api: AdminApi;
}) {
  return (
    <LocaleContext.Provider value={locale}>
      <Screen session={session} api={api} />
    </LocaleContext.Provider>
  );
}

function Screen({ session, api }: { session: SessionStore; api: AdminApi }) {
  const { a } = useLocale();
  const me = session.me.value;
  if (session.status.value === 'checking') {
    return (
      <p class="page-status" role="status">
        {a.loading}
      </p>
    );
  }
  // Keyed on the account: a different admin signing in gets fresh stores, never the last one's lists.
  if (session.status.value === 'signedIn' && me)
    return <Shell key={me.user.id} me={me} api={api} session={session} />;
  return <SignIn session={session} />;
}
