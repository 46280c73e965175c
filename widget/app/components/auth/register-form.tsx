import { useContext, useId } from 'preact/hooks';
import type { AuthFlow } from '../../state/auth-flow.ts';
import { ThreadContext } from '../thread/thread-context.ts';
import { useAuthText } from './auth-text.ts';
import { ContactField } from './contact-field.tsx';
import { Field } from './field.tsx';
import { PasswordField } from './password-field.tsx';
import { StepForm } from './step-form.tsx';

/**
 * "Вам необходимо пройти регистрацию…": name, phone or email, a new password; then the code step.
 * A site that set a privacy policy gets "Регистрируясь, вы соглашаетесь с политикой конфиденциальности".
 */
export function RegisterForm({ flow }: { flow: AuthFlow }) {
  // The site's privacy policy comes with the thread (its `config`); outside a thread there is none.
  const privacyPolicyUrl = useContext(ThreadContext)?.actions.config.value.privacyPolicyUrl;
  const { a } = useAuthText();
  const id = useId();
  const nameInvalid = flow.error.value?.field === 'name';
  const links = (
    <button type="button" class="link" onClick={() => flow.go('signIn')}>
      {a.register.toSignIn}
    </button>
  );
  return (
    <StepForm
      id={id}
      flow={flow}
      title={a.register.title}
      onSubmit={flow.register}
      submit={a.register.submit}
      links={links}
    >
      <Field
        id={`${id}-name`}
        label={a.fields.name}
        type="text"
        autocomplete="name"
        value={flow.name.value}
        onInput={(event) => {
          flow.name.value = event.currentTarget.value;
        }}
        invalid={nameInvalid}
        describedBy={nameInvalid ? `${id}-error` : undefined}
      />
      <ContactField flow={flow} idPrefix={id} />
      <PasswordField flow={flow} idPrefix={id} label={a.fields.password} isNew />
      {privacyPolicyUrl && (
        <p class="step-text">
          {a.register.privacyBefore}{' '}
          <a href={privacyPolicyUrl} target="_blank" rel="noopener">
            {a.register.privacyLink}
          </a>
          {a.register.privacyAfter}
        </p>
      )}
    </StepForm>
  );
}
