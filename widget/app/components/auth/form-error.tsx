import type { FlowError } from '../../state/auth-flow.ts';
import { useAuthText } from './auth-text.ts';

/** The step's error, announced by screen readers the moment it appears. */
export function FormError({ error, id }: { error: FlowError | null; id: string }) {
  const { errorMessage } = useAuthText();
  if (!error) return null;
  return (
    <p class="error" id={id} role="alert">
      {errorMessage(error)}
    </p>
  );
}
