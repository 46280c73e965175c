import type { ComponentChildren } from 'preact';
import { useAuthText } from './auth-text.ts';

interface Props {
  busy: boolean;
  /** The server asked for a pause: the button takes no click until its countdown ends. */
  waiting?: boolean;
  children: ComponentChildren;
}

/** The step's submit button; while a request runs it says so and takes no second click. */
export function SubmitButton({ busy, waiting = false, children }: Props) {
  const { a } = useAuthText();
  return (
    // aria-disabled, not disabled: a disabled button drops keyboard focus to the page body.
    <button type="submit" class="button" aria-disabled={busy || waiting} aria-busy={busy}>
      {busy ? a.busy : children}
    </button>
  );
}
