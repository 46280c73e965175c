import { useId } from 'preact/hooks';
import type { AuthFlow } from '../../state/auth-flow.ts';
import { useAuthText } from './auth-text.ts';
import { ContactField } from './contact-field.tsx';
import { StepForm } from './step-form.tsx';

/** "Сменить пароль": the phone or email to send the code to. */
export function ResetStartForm({ flow }: { flow: AuthFlow }) {
  const { a } = useAuthText();
  const id = useId();
  const links = (
    <button type="button" class="link" onClick={() => flow.go('signIn')}>
      {a.back}
    </button>
  );
  return (
    <StepForm
      id={id}
      flow={flow}
      title={a.reset.title}
      onSubmit={flow.startReset}
      submit={a.reset.submit}
      links={links}
    >
      <p class="step-text">{a.reset.text}</p>
      <ContactField flow={flow} idPrefix={id} />
    </StepForm>
  );
}
