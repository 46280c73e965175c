import { useId } from 'preact/hooks';
import type { AuthFlow } from '../../state/auth-flow.ts';
import { useAuthText } from './auth-text.ts';
import { PasswordField } from './password-field.tsx';
import { StepForm } from './step-form.tsx';

/** The new password after the reset code, under the same rule as at registration. */
export function NewPasswordForm({ flow }: { flow: AuthFlow }) {
  const { a } = useAuthText();
  const id = useId();
  return (
    <StepForm
      id={id}
      flow={flow}
      title={a.reset.passwordTitle}
      onSubmit={flow.finishReset}
      submit={a.reset.passwordSubmit}
    >
      {/* Tells password managers whose password this is, so they update the right entry. */}
      <input type="text" autocomplete="username" value={flow.contact.value} readOnly hidden />
      <PasswordField flow={flow} idPrefix={id} label={a.fields.newPassword} isNew />
    </StepForm>
  );
}
