import type { AuthFlow, AuthStep } from '../../state/auth-flow.ts';

/** "Регистрация", "Забыли пароль?", "Назад": a link-styled button to another step of the flow. */
export function FlowLink({ flow, to, text }: { flow: AuthFlow; to: AuthStep; text: string }) {
  return (
    <button type="button" class="link" onClick={() => flow.go(to)}>
      {text}
    </button>
  );
}
