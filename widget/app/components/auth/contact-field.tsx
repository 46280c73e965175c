import type { JSX } from 'preact';
import { ChannelTabs } from '../../../ui/channel-tabs.tsx';
import { formatPhone } from '../../phone.ts';
import type { AuthFlow } from '../../state/auth-flow.ts';
import { useAuthText } from './auth-text.ts';
import { Field } from './field.tsx';

/**
 * The phone (formatted as typed, for the site's country) or the email, under the tabs that choose
 * between them. An error points at the step's error line, `${idPrefix}-error` (see StepForm).
 */
export function ContactField({ flow, idPrefix }: { flow: AuthFlow; idPrefix: string }) {
  const { a } = useAuthText();
  const invalid = flow.error.value?.field === 'contact';
  const channel = flow.channel.value;
  const byEmail = channel === 'email';
  // The input's type, its autocomplete token and its keyboard alike.
  const kind = byEmail ? 'email' : 'tel';

  const onEmailInput = (event: JSX.TargetedEvent<HTMLInputElement, Event>) => {
    flow.email.value = event.currentTarget.value;
  };

  const onPhoneInput = (event: JSX.TargetedEvent<HTMLInputElement, Event>) => {
    const input = event.currentTarget;
    const typed = input.value;
    // Reformat only while typing at the end: reformatting an edit in the middle would throw the
    // caret to the end, and after a deletion it would put back the space or bracket just deleted.
    const deleting = (event as unknown as InputEvent).inputType?.startsWith('delete');
    const formatted =
      input.selectionStart === typed.length && !deleting ? formatPhone(typed, flow.defaultCountry) : typed;
    flow.phone.value = formatted;
    if (formatted !== typed) input.value = formatted;
  };

  return (
    <ChannelTabs idPrefix={idPrefix} texts={a.channels} channel={channel} onChange={flow.setChannel}>
      <Field
        id={`${idPrefix}-${channel}`}
        label={byEmail ? a.fields.email : a.fields.phone}
        type={kind}
        autocomplete={kind}
        inputMode={kind}
        value={byEmail ? flow.email.value : flow.phone.value}
        onInput={byEmail ? onEmailInput : onPhoneInput}
        invalid={invalid}
        describedBy={invalid ? `${idPrefix}-error` : undefined}
      />
    </ChannelTabs>
  );
}
