import { useId } from 'preact/hooks';
import type { AuthFlow } from '../../state/auth-flow.ts';
import { useLocale } from '../locale-context.ts';
import { useAuthText } from './auth-text.ts';
import { ContactField } from './contact-field.tsx';
import { PasswordField } from './password-field.tsx';
import { StepForm } from './step-form.tsx';

/** "Авторизуйтесь, чтобы отправить комментарий": phone or email and the password. */
export function SignInForm({ flow }: { flow: AuthFlow }) {
  const { t } = useLocale();
  const { a } = useAuthText();
  const id = useId();
  const links = (
    <>
      <button type="button" class="link" onClick={() => flow.go('register')}>
        {t.account.register}
      </button>
      <button type="button" class="link" onClick={() => flow.go('resetStart')}>
        {a.signIn.forgot}
      </button>
    </>
  );
  return (
    <StepForm
      id={id}
      flow={flow}
      title={t.account.prompt}
      onSubmit={flow.signIn}
      submit={a.signIn.submit}
      links={links}
    >
      <ContactField flow={flow} idPrefix={id} />
      <PasswordField flow={flow} idPrefix={id} label={a.fields.password} isNew={false} />
    </StepForm>
  );
}
