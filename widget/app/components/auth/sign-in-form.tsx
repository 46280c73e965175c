import { useId } from 'preact/hooks';
import { useLocale } from '../../i18n.ts';
import type { AuthFlow } from '../../state/auth-flow.ts';
import { useAuthText } from './auth-text.ts';
import { ChannelTabs } from './channel-tabs.tsx';
import { ContactField } from './contact-field.tsx';
import { PasswordField } from './password-field.tsx';
import { StepForm } from './step-form.tsx';

/** "Авторизуйтесь, чтобы отправить комментарий": phone or email and the password. */
export function SignInForm({ flow }: { flow: AuthFlow }) {
  const { t } = useLocale();
  const { a } = useAuthText();
  const id = useId();
  return (
    <StepForm
      id={id}
      flow={flow}
      title={t.account.prompt}
      onSubmit={() => flow.signIn()}
      submit={a.signIn.submit}
      links={
        <>
          <button type="button" class="link" onClick={() => flow.go('register')}>
            {t.account.register}
          </button>
          <button type="button" class="link" onClick={() => flow.go('resetStart')}>
            {a.signIn.forgot}
          </button>
        </>
      }
    >
      <ChannelTabs idPrefix={id} channel={flow.channel.value} onChange={flow.setChannel}>
        <ContactField flow={flow} idPrefix={id} errorId={`${id}-error`} />
      </ChannelTabs>
      <PasswordField
        flow={flow}
        id={`${id}-password`}
        label={a.fields.password}
        errorId={`${id}-error`}
        isNew={false}
      />
    </StepForm>
  );
}
