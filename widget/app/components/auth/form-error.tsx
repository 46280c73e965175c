import type { FlowError } from '../../state/auth-flow.ts';
import { LiveWait } from '../live-wait.tsx';
import { useAuthText } from './auth-text.ts';

interface Props {
  error: FlowError | null;
  id: string;
  /** The server's pause reached zero. */
  onWaitOver?: () => void;
}

/** The step's error, announced by screen readers the moment it appears; a pause counts down. */
export function FormError({ error, id, onWaitOver }: Props) {
  const { errorMessage, retryText } = useAuthText();
  if (!error) return null;
  return (
    <p class="error" id={id} role="alert">
      {errorMessage(error)}
      {error.retryAfter !== undefined && (
        <>
          {' '}
          <LiveWait seconds={error.retryAfter} from={error} text={retryText} onDone={onWaitOver} />
        </>
      )}
    </p>
  );
}
