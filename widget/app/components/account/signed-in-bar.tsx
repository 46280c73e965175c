import { useLocale } from '../../i18n.ts';

interface Props {
  name: string;
  busy: boolean;
  onSignOut(): void;
  /** Opens or closes the account menu (its own lazily loaded chunk). */
  onMenu(): void;
  menuOpen: boolean;
}

/** The reader's name, "Мой аккаунт" and "Выйти"; the comment form follows right under it. */
export function SignedInBar({ name, busy, onSignOut, onMenu, menuOpen }: Props) {
  const { t } = useLocale();
  return (
    <div class="signed-in">
      <span class="reader">
        <span class="visually-hidden">{t.account.signedInAs} </span>
        <strong>{name}</strong>
      </span>
      <button type="button" class="link" onClick={onMenu} aria-expanded={menuOpen}>
        {t.account.menu}
      </button>
      <button type="button" class="link" onClick={onSignOut} disabled={busy} aria-busy={busy}>
        {t.account.signOut}
      </button>
    </div>
  );
}
