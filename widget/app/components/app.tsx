import type { WidgetApi } from '../api.ts';
import { banText, type Locale, LocaleContext } from '../i18n.ts';
import type { SessionStore } from '../state/session.ts';
import type { ThreadStore } from '../state/thread.ts';
import type { ThreadContextValue } from '../state/widget.ts';
import { Account } from './account/account.tsx';
import { LazyComposer } from './thread/forms.tsx';
import { Thread } from './thread/thread.tsx';
import { ThreadContext } from './thread/thread-context.ts';

export interface AppProps {
  locale: Locale;
  api: WidgetApi;
  thread: ThreadStore;
  session: SessionStore;
  context: ThreadContextValue;
}

export function App({ locale, api, thread, session, context }: AppProps) {
  const { actions } = context;
  return (
    <LocaleContext.Provider value={locale}>
      <ThreadContext.Provider value={context}>
        <Thread store={thread}>
          <Account
            api={api}
            session={session}
            defaultCountry={thread.config.value.defaultCountry}
            smsCountries={thread.config.value.smsCountries}
          />
          {session.reader.value &&
            (thread.ban.value ? (
              <p class="notice ban" role="status">
                {banText(locale, thread.ban.value)}
              </p>
            ) : (
              <LazyComposer
                max={thread.config.value.commentMaxLength}
                onSubmit={(text) => actions.post(text)}
              />
            ))}
        </Thread>
      </ThreadContext.Provider>
    </LocaleContext.Provider>
  );
}
