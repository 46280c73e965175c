import { useLocale } from '../locale-context.ts';

interface Props {
  name: string;
  busy: boolean;
  onSignOut(): void;
  /** Opens or closes the account menu (its own lazily loaded chunk). */
  onMenu(): void;
  menuOpen: boolean;
  /** Unread notifications; the list is a lazily loaded chunk of its own. */
  unread: number;
  onNotifications(): void;
  notificationsOpen: boolean;
}

/** The reader's name, "Уведомления" with the unread count, "Мой аккаунт" and "Выйти"; the comment form follows. */
export function SignedInBar(props: Props) {
  const { name, busy, onSignOut, onMenu, menuOpen, unread } = props;
  const { t } = useLocale();
  return (
    <div class="signed-in">
      <span class="reader">
        <span class="visually-hidden">{t.account.signedInAs} </span>
        <strong>{name}</strong>
      </span>
      <button
        type="button"
        class="link"
        onClick={props.onNotifications}
        aria-expanded={props.notificationsOpen}
      >
        {t.account.notifications}
        {unread > 0 && <span class="unread"> {unread}</span>}
      </button>
      <button type="button" class="link" onClick={onMenu} aria-expanded={menuOpen}>
        {t.account.menu}
      </button>
      <button type="button" class="link" onClick={onSignOut} disabled={busy} aria-busy={busy}>
        {t.account.signOut}
      </button>
    </div>
  );
}
