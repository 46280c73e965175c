// Every component of the widget re-renders on the signals it reads: installed before any renders.
import './signal-tracking.ts';
import { useState } from 'preact/hooks';
import type { WidgetApi } from '../api.ts';
import { banText, type Locale, laterArrived } from '../i18n.ts';
import type { SessionStore } from '../state/session.ts';
import type { ThreadStore } from '../state/thread.ts';
import type { ThreadContextValue } from '../state/widget.ts';
import { Account } from './account/account.tsx';
import { Failure } from './failure.tsx';
import { LocaleContext, useLocale } from './locale-context.ts';
import { LazyComposer, loadForms } from './thread/forms.tsx';
import { Thread } from './thread/thread.tsx';
import { ThreadContext } from './thread/thread-context.ts';

export interface AppProps {
  locale: Locale;
  api: WidgetApi;
  thread: ThreadStore;
  session: SessionStore;
  context: ThreadContextValue;
}

/** The site's admins close the thread to new comments, or reopen it. */
function CloseThread({ thread, context }: { thread: ThreadStore; context: ThreadContextValue }) {
  const { t } = useLocale();
  const [error, setError] = useState<unknown>(null);
  const toggle = async () => {
    setError(null);
    try {
      // What the button said when it was clicked, whatever the thread says once the chunk is here.
      const closed = !thread.closed.value;
      await (await loadForms()).setClosed(context.actions, closed);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <p>
      <button type="button" class="link" onClick={() => void toggle()}>
        {thread.closed.value ? t.thread.reopenThread : t.thread.closeThread}
      </button>
      {error !== null && <Failure error={error} onDone={() => setError(null)} />}
    </p>
  );
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
          {session.reader.value?.admin && laterArrived(locale.t) && (
            <CloseThread thread={thread} context={context} />
          )}
          {thread.closed.value ? (
            <p class="notice" role="status">
              {locale.t.thread.closed}
            </p>
          ) : thread.ban.value && session.reader.value ? (
            <p class="notice ban" role="status">
              {banText(locale, thread.ban.value)}
            </p>
          ) : (
            session.reader.value && (
              <LazyComposer
                max={thread.config.value.commentMaxLength}
                onSubmit={async (text) => (await loadForms()).post(actions, text)}
              />
            )
          )}
        </Thread>
      </ThreadContext.Provider>
    </LocaleContext.Provider>
  );
}
