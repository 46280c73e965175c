import { useId } from 'preact/hooks';
import type { AuthFlow } from '../../state/auth-flow.ts';
import { useAuthText } from './auth-text.ts';
import { ChannelTabs } from './channel-tabs.tsx';
import { ContactField } from './contact-field.tsx';
import { StepForm } from './step-form.tsx';

/** "Сменить пароль": the phone or email to send the code to. */
export function ResetStartForm({ flow }: { flow: AuthFlow }) {
  const { a } = useAuthText();
  const id = useId();
  return (
    <StepForm
      id={id}
      flow={flow}
      title={a.reset.title}
      onSubmit={() => flow.startReset()}
      submit={a.reset.submit}
      links={
        <button type="button" class="link" onClick={() => flow.go('signIn')}>
          {a.back}
        </button>
      }
    >
      <p class="step-text">{a.reset.text}</p>
      <ChannelTabs idPrefix={id} channel={flow.channel.value} onChange={flow.setChannel}>
        <ContactField flow={flow} idPrefix={id} errorId={`${id}-error`} />
      </ChannelTabs>
    </StepForm>
  );
}
