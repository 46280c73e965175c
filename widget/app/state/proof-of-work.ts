/**
 * Solves the server's proof-of-work challenge (ALTCHA v2) in the page: altcha-lib's solver over the
 * browser's own PBKDF2 (Web Crypto), in an async loop that yields to the page. A chunk of its own,
 * imported only when the server answers `challenge_required`, which most readers never see.
 *
 * Not the `altcha` web component: it is ~35 KB gzip (the whole auth chunk is ~43 KB), puts its
 * styles into the host page's <head> where they cannot reach our shadow root, starts its workers
 * from blob: URLs that a host page's CSP may forbid, and asks for a checkbox click. Here the
 * challenge is solved without the reader doing anything; the step says so in a live region.
 */
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import type { PowChallenge } from '../../../shared/errors.ts';

/** How long a solve may run before the reader is asked to try again. */
const SOLVE_TIMEOUT_MS = 60_000;

/** The `proof` to repeat the request with: base64 of `{challenge, solution}`, as ALTCHA sends it. */
export async function solveProof(challenge: PowChallenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey, timeout: SOLVE_TIMEOUT_MS });
  if (!solution) throw new Error('the challenge was not solved in time');
  return btoa(JSON.stringify({ challenge, solution }));
}
