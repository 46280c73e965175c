import { useId } from 'preact/hooks';
import type { AuthFlow } from '../../state/auth-flow.ts';
import { useAuthText } from './auth-text.ts';
import { FormError } from './form-error.tsx';
import { PasswordField } from './password-field.tsx';
import { StepHeading } from './step-heading.tsx';
import { SubmitButton } from './submit-button.tsx';

/** The new password after the reset code, under the same rule as at registration. */
export function NewPasswordForm({ flow }: { flow: AuthFlow }) {
  const { a } = useAuthText();
  const id = useId();
  return (
    <form
      class="auth-step"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        void flow.finishReset();
      }}
    >
      <StepHeading id={`${id}-title`}>{a.reset.passwordTitle}</StepHeading>
      {/* Tells password managers whose password this is, so they update the right entry. */}
      <input type="text" autocomplete="username" value={flow.contact.value} readOnly hidden />
      <PasswordField
        flow={flow}
        id={`${id}-password`}
        label={a.fields.newPassword}
        errorId={`${id}-error`}
        isNew
      />
      <FormError id={`${id}-error`} error={flow.error.value} />
      <SubmitButton busy={flow.busy.value}>{a.reset.passwordSubmit}</SubmitButton>
    </form>
  );
}
