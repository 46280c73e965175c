import { ApiFailure } from '../../../shared/client.ts';
import { fill } from '../../../shared/i18n/fill.ts';
import { failureText } from '../i18n.ts';
import { LiveWait } from './live-wait.tsx';
import { useLocale } from './locale-context.ts';

/** The seconds to wait when the failure is the server asking for a pause; else undefined. */
export function waitOf(error: unknown): number | undefined {
  return error instanceof ApiFailure && error.code === 'rate_limited' ? error.retryAfter : undefined;
}

/**
 * A failed request as the reader reads it, announced once. A pause the server asked for counts
 * down live; at zero `onDone` runs (the caller clears the failure and enables its button again).
 */
export function Failure({ error, onDone }: { error: unknown; onDone?: () => void }) {
  const locale = useLocale();
  const wait = waitOf(error);
  return (
    <p class="error" role="alert">
      {failureText(locale, error)}
      {wait !== undefined && (
        <>
          {' '}
          <LiveWait
            seconds={wait}
            from={error}
            text={(n) => fill(locale.t.comments.retryIn, { n })}
            onDone={onDone}
          />
        </>
      )}
    </p>
  );
}
