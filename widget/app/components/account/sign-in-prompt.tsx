import type { RefObject } from 'preact';
import type { AuthStart } from '../auth/auth-panel.tsx';
import { useLocale } from '../locale-context.ts';

interface Props {
  onOpen(start: AuthStart): void;
  /** Pointing at or focusing a way in starts the auth chunk's download before the click. */
  onPrefetch(): void;
  /** Lets the account area put focus back here when a panel closes. */
  boxRef?: RefObject<HTMLDivElement>;
}

/** "Авторизуйтесь, чтобы отправить комментарий" with the two ways in. */
export function SignInPrompt({ onOpen, onPrefetch, boxRef }: Props) {
  const { t } = useLocale();
  return (
    <div class="prompt" ref={boxRef}>
      <p class="prompt-title">{t.account.prompt}</p>
      <div class="actions">
        <button
          type="button"
          class="button"
          onClick={() => onOpen('signIn')}
          onPointerEnter={onPrefetch}
          onFocus={onPrefetch}
        >
          {t.account.signIn}
        </button>
        <button
          type="button"
          class="link"
          onClick={() => onOpen('register')}
          onPointerEnter={onPrefetch}
          onFocus={onPrefetch}
        >
          {t.account.register}
        </button>
      </div>
    </div>
  );
}
