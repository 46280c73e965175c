import type { ComponentChildren } from 'preact';
import type { AuthFlow } from '../../state/auth-flow.ts';
import { FormError } from './form-error.tsx';
import { ProofStatus } from './proof-status.tsx';
import { StepHeading } from './step-heading.tsx';
import { SubmitButton } from './submit-button.tsx';

interface Props {
  /** The step's id prefix: the title is `${id}-title`, the error `${id}-error` (fields point at it). */
  id: string;
  flow: AuthFlow;
  title: ComponentChildren;
  onSubmit: () => unknown;
  submit: ComponentChildren;
  /** Links under the button: to the other flows, back, resend. */
  links?: ComponentChildren;
  children: ComponentChildren;
}

/** The frame every account step shares: its title, its fields, one error line and one button. */
export function StepForm({ id, flow, title, onSubmit, submit, links, children }: Props) {
  return (
    <form
      class="auth-step"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <StepHeading id={`${id}-title`}>{title}</StepHeading>
      {children}
      <ProofStatus proving={flow.proving.value} />
      <FormError id={`${id}-error`} error={flow.error.value} onWaitOver={flow.waitOver} />
      <SubmitButton busy={flow.busy.value} waiting={flow.waiting.value}>
        {submit}
      </SubmitButton>
      {links && <div class="links">{links}</div>}
    </form>
  );
}
