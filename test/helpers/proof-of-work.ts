/** Solves a challenge_required answer's challenge as the widget does, for tests that answer one. */
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { PowChallenge } from '../../shared/errors.ts';

/** The `proof` that answers `challenge`: base64 of `{challenge, solution}`. */
export async function solvedProof(challenge: PowChallenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('the challenge could not be solved');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}
