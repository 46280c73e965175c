import { type Locale, LocaleContext } from '../i18n.ts';
import type { ThreadStore } from '../state/thread.ts';
import { Thread } from './thread/thread.tsx';

export function App({ locale, thread }: { locale: Locale; thread: ThreadStore }) {
  return (
    <LocaleContext.Provider value={locale}>
      <Thread store={thread} />
    </LocaleContext.Provider>
  );
}
