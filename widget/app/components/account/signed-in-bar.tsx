import { useLocale } from '../../i18n.ts';

/** The reader's name and "Выйти"; the comment form follows right under it. */
export function SignedInBar({ name, busy, onSignOut }: { name: string; busy: boolean; onSignOut(): void }) {
  const { t } = useLocale();
  return (
    <div class="signed-in">
      <span class="reader">
        <span class="visually-hidden">{t.account.signedInAs} </span>
        <strong>{name}</strong>
      </span>
      <button type="button" class="link" onClick={onSignOut} disabled={busy} aria-busy={busy}>
        {t.account.signOut}
      </button>
    </div>
  );
}
