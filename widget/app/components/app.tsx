import { type Locale, LocaleContext } from '../i18n.ts';
import type { ThreadStore } from '../state/thread.ts';
import { Thread } from './thread/thread.tsx';
import { ThreadContext, type ThreadContextValue } from './thread/thread-context.ts';

export function App({
  locale,
  thread,
  context,
}: {
  locale: Locale;
  thread: ThreadStore;
  context: ThreadContextValue;
}) {
  return (
    <LocaleContext.Provider value={locale}>
      <ThreadContext.Provider value={context}>
        <Thread store={thread} />
      </ThreadContext.Provider>
    </LocaleContext.Provider>
  );
}
