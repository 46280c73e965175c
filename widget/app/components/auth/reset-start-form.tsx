import { useId } from 'preact/hooks';
import type { AuthFlow } from '../../state/auth-flow.ts';
import { useAuthText } from './auth-text.ts';
import { ChannelTabs } from './channel-tabs.tsx';
import { ContactField } from './contact-field.tsx';
import { FormError } from './form-error.tsx';
import { StepHeading } from './step-heading.tsx';
import { SubmitButton } from './submit-button.tsx';

/** "Сменить пароль": the phone or email to send the code to. */
export function ResetStartForm({ flow }: { flow: AuthFlow }) {
  const { a } = useAuthText();
  const id = useId();
  return (
    <form
      class="auth-step"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        void flow.startReset();
      }}
    >
      <StepHeading id={`${id}-title`}>{a.reset.title}</StepHeading>
      <p class="step-text">{a.reset.text}</p>
      <ChannelTabs idPrefix={id} channel={flow.channel.value} onChange={flow.setChannel}>
        <ContactField flow={flow} idPrefix={id} errorId={`${id}-error`} />
      </ChannelTabs>
      <FormError id={`${id}-error`} error={flow.error.value} />
      <SubmitButton busy={flow.busy.value}>{a.reset.submit}</SubmitButton>
      <div class="links">
        <button type="button" class="link" onClick={() => flow.go('signIn')}>
          {a.back}
        </button>
      </div>
    </form>
  );
}
