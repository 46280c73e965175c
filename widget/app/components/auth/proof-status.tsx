import { useAuthText } from './auth-text.ts';

/**
 * "Проверяем, что вы не робот…" while the browser solves a challenge the server asked for. The
 * live region is always there (empty, it takes no room) so screen readers announce the text when
 * it appears; the reader has nothing to do but wait.
 */
export function ProofStatus({ proving }: { proving: boolean }) {
  const { a } = useAuthText();
  return (
    <p class="proof-status" role="status">
      {proving ? a.challenge.solving : ''}
    </p>
  );
}
