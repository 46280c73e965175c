import type { ComponentChildren } from 'preact';
import { useAuthText } from './auth-text.ts';

/** The step's submit button; while a request runs it says so and takes no second click. */
export function SubmitButton({ busy, children }: { busy: boolean; children: ComponentChildren }) {
  const { a } = useAuthText();
  return (
    // aria-disabled, not disabled: a disabled button drops keyboard focus to the page body.
    <button type="submit" class="button" aria-disabled={busy} aria-busy={busy}>
      {busy ? a.busy : children}
    </button>
  );
}
