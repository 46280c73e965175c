import type { WidgetApi } from '../api.ts';
import { type Locale, LocaleContext } from '../i18n.ts';
import type { SessionStore } from '../state/session.ts';
import type { ThreadStore } from '../state/thread.ts';
import { Account } from './account/account.tsx';
import { Thread } from './thread/thread.tsx';

export interface AppProps {
  locale: Locale;
  api: WidgetApi;
  site: string;
  thread: ThreadStore;
  session: SessionStore;
}

export function App({ locale, api, site, thread, session }: AppProps) {
  return (
    <LocaleContext.Provider value={locale}>
      <Thread store={thread}>
        <Account api={api} session={session} site={site} defaultCountry={thread.defaultCountry.value} />
      </Thread>
    </LocaleContext.Provider>
  );
}
