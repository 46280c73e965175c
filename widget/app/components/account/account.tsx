/**
 * The account area under the thread header, on the reading path: a light prompt for anonymous
 * readers, the signed-in bar for others. The sign-in, registration and password flows (with
 * libphonenumber-js) are a separate chunk, imported when a reader opens them or points at the way in.
 */
import { Fragment, h } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { fill } from '../../../../shared/i18n/fill.ts';
import type { WidgetApi } from '../../api.ts';
import { completeLocale, failureText, type Locale } from '../../i18n.ts';
import type { SessionStore } from '../../state/session.ts';
import { adoptStyles } from '../../styles.ts';
import type { AuthStart } from '../auth/auth-panel.tsx';
import { useLocale } from '../locale-context.ts';
import { LoadFailed } from '../thread/forms.tsx';
import { SignInPrompt } from './sign-in-prompt.tsx';
import { SignedInBar } from './signed-in-bar.tsx';

type AuthModule = typeof import('../auth/auth-panel.tsx');
type MenuModule = typeof import('../account-menu/account-menu.tsx');
type NotificationsModule = typeof import('../notifications/notification-list.tsx');

/**
 * Starts (or joins) the download of the auth chunk, of the phone metadata of the site's countries
 * and of the texts only a click leads to (the flows' errors); the browser keeps one copy of each.
 */
const loadAuth = (countries: string[], locale: Locale): Promise<AuthModule> =>
  Promise.all([
    import('../auth/auth-panel.tsx').then((module) =>
      Promise.all([module.loadPhoneMetadata(countries), module.loadAuthTexts(locale.lang)]).then(
        () => module,
      ),
    ),
    completeLocale(locale),
  ]).then(([module]) => module);
/** The account menu (the reader's data, erasing the account): a chunk of its own, loaded on demand. */
const loadMenu = (): Promise<MenuModule> => import('../account-menu/account-menu.tsx');
/** The notifications list, a chunk of its own too. */
const loadNotifications = (): Promise<NotificationsModule> =>
  import('../notifications/notification-list.tsx');

export interface AccountProps {
  api: WidgetApi;
  session: SessionStore;
  /** For phone numbers typed without "+". */
  defaultCountry: string;
  /** The countries the site sends SMS codes to. */
  smsCountries: string[];
}

export function Account({ api, session, defaultCountry, smsCountries }: AccountProps) {
  const locale = useLocale();
  const [open, setOpen] = useState<AuthStart | null>(null);
  const [auth, setAuth] = useState<AuthModule | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const refocus = useRef(false);
  /** The signed-in bar's open panel: the account menu or the notifications list, one at a time. */
  const [panel, setPanel] = useState<'menu' | 'list' | null>(null);
  const [Menu, setMenu] = useState<MenuModule['AccountMenu'] | null>(null);
  const [unread, setUnread] = useState(0);
  const [List, setList] = useState<NotificationsModule['NotificationList'] | null>(null);
  const promptRef = useRef<HTMLDivElement>(null);
  /**
   * What opened the panel: a button of the prompt (by its place: the prompt is drawn anew when
   * the panel closes) or another element, such as a comment's "Ответить".
   */
  const opener = useRef<{ prompt: number; element: HTMLElement | null }>({ prompt: 0, element: null });
  const reader = session.reader.value;
  const countries = [defaultCountry, ...smsCountries];

  // Signing out (here, in another tab, or a 401) closes whatever the last reader had open.
  useEffect(() => {
    if (!reader) setOpen(null);
  }, [reader]);

  // The unread count for the signed-in bar; the language goes along for the reader's emails.
  const readerId = reader?.id;
  useEffect(() => {
    setUnread(0);
    setPanel((shown) => (shown === 'list' ? null : shown));
    if (!readerId) return;
    api.call('GET /api/sites/:site/notifications/summary', { query: { lang: locale.lang } }).then(
      (summary) => setUnread(summary.unread),
      () => {},
    );
  }, [readerId]);

  // Focus must not fall to the page's body when the panel or the signed-in bar goes away, not even
  // for the frame a passive effect would wait.
  useLayoutEffect(() => {
    if (!refocus.current || open || reader) return;
    refocus.current = false;
    const { prompt, element } = opener.current;
    if (element?.isConnected) element.focus();
    else promptRef.current?.querySelectorAll('button')[prompt]?.focus();
  });

  const rootRef = useRef<HTMLDivElement>(null);
  // A reply or a report by a signed-out reader asks for the sign-in form here.
  const wanted = session.wanted.value;
  useEffect(() => {
    if (!wanted) return;
    session.wanted.value = null;
    if (reader) return;
    openFlow(wanted);
    rootRef.current?.scrollIntoView({ block: 'center' });
  }, [wanted]);

  const openFlow = (start: AuthStart) => {
    const root = rootRef.current?.getRootNode() as ShadowRoot | Document | undefined;
    const active = root?.activeElement as HTMLElement | null | undefined;
    const buttons = [...(promptRef.current?.querySelectorAll('button') ?? [])];
    const prompt = active ? buttons.indexOf(active as HTMLButtonElement) : -1;
    opener.current = prompt >= 0 ? { prompt, element: null } : { prompt: 0, element: active ?? null };
    setOpen(start);
    setLoadFailed(false);
    loadAuth(countries, locale).then(
      (module) => setAuth(() => module),
      () => setLoadFailed(true),
    );
  };
  // Each panel is a chunk of its own, loaded with the texts of errors, which the reading path
  // leaves for later (i18n.ts completeLocale); if it cannot be loaded, the button does nothing.
  const togglePanel = (which: 'menu' | 'list') => {
    setPanel(panel === which ? null : which);
    Promise.all([which === 'menu' ? loadMenu() : loadNotifications(), completeLocale(locale)]).then(
      ([module]) =>
        'AccountMenu' in module ? setMenu(() => module.AccountMenu) : setList(() => module.NotificationList),
      () => setPanel((shown) => (shown === which ? null : shown)),
    );
  };

  const close = () => {
    refocus.current = true;
    setOpen(null);
  };
  const signOut = () => {
    // After signing out, focus goes to the first way back in, whatever opened the last panel.
    opener.current = { prompt: 0, element: null };
    refocus.current = true;
    void session.signOut();
  };

  const Panel = auth?.AuthPanel;
  return (
    <div class="account" ref={rootRef}>
      {reader ? (
        <SignedInBar
          name={reader.name}
          busy={session.signingOut.value}
          onSignOut={signOut}
          onMenu={() => togglePanel('menu')}
          menuOpen={panel === 'menu'}
          unread={unread}
          onNotifications={() => togglePanel('list')}
          notificationsOpen={panel === 'list'}
        />
      ) : (
        !open &&
        !session.restoring.value && (
          <SignInPrompt
            boxRef={promptRef}
            onOpen={openFlow}
            onPrefetch={() => loadAuth(countries, locale).catch(() => {})}
          />
        )
      )}
      {reader && panel === 'list' && List && (
        <List kit={{ ...menuKit, locale }} api={api} onRead={setUnread} onClose={() => setPanel(null)} />
      )}
      {reader && panel === 'menu' && Menu && (
        <Menu kit={{ ...menuKit, locale }} api={api} session={session} onClose={() => setPanel(null)} />
      )}
      {open &&
        (Panel ? (
          <Panel start={open} api={api} session={session} defaultCountry={defaultCountry} onClose={close} />
        ) : // The flows on their way, or the way to ask for them again when they did not come.
        loadFailed ? (
          <LoadFailed retry={() => openFlow(open)} />
        ) : (
          <p class="loading" aria-busy="true">
            {locale.t.thread.loading}
          </p>
        ))}
    </div>
  );
}

/** What the account menu's chunk is handed instead of importing it (account-menu.tsx MenuKit). */
const menuKit = {
  h,
  Fragment,
  hooks: { useEffect, useLayoutEffect, useRef, useState },
  failureText,
  adoptStyles,
  fill,
};
