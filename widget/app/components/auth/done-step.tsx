import { useId } from 'preact/hooks';
import type { AuthFlow } from '../../state/auth-flow.ts';
import { useAuthText } from './auth-text.ts';
import { StepHeading } from './step-heading.tsx';

/**
 * The end of a flow. After signing in or registering the reader is signed in (the signed-in bar
 * shows above, and the comment form of its own issue goes there); after a password change the
 * reader signs in with the new password.
 */
export function DoneStep({ flow }: { flow: AuthFlow }) {
  const { a } = useAuthText();
  const id = useId();
  const step = flow.step.value;
  const [title, text] =
    step === 'registered'
      ? [a.register.doneTitle, a.register.doneText]
      : step === 'passwordChanged'
        ? [a.reset.doneTitle, a.reset.doneText]
        : [a.signIn.doneTitle, a.signIn.doneText];
  return (
    <section class="auth-step done" aria-labelledby={`${id}-title`}>
      <StepHeading id={`${id}-title`}>{title}</StepHeading>
      <p class="step-text">{text}</p>
      {step === 'passwordChanged' && (
        <button type="button" class="button" onClick={() => flow.go('signIn')}>
          {a.reset.signIn}
        </button>
      )}
    </section>
  );
}
