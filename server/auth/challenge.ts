/**
 * Proof-of-work challenges (ALTCHA v2, altcha-lib) for sends in a scope that runs hot. Self-hosted:
 * the server creates and checks them, nothing goes to a third party.
 *
 * A challenge is made in "deterministic" mode: the server picks the counter the client has to
 * find and signs the key it derives for it, so checking a solution is two HMACs (no key
 * derivation, no database read) and making one is a single key derivation. The client tries
 * counters from 0 up: on average `counterMax * 3/4` PBKDF2 derivations of `cost` iterations,
 * well under a second in a browser, a real cost per send for a bot that sends thousands.
 *
 * A solution is good for one request: its challenge's nonce is recorded (pow_solutions) and a
 * second use is refused. It is good for ten minutes and on the site it was made for only.
 */
import { createHmac } from 'node:crypto';
import { createChallenge, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { Kysely } from 'kysely';
import type { PowChallenge } from '../../shared/errors.ts';
import type { Database } from '../storage/schema.ts';

const ALGORITHM = 'PBKDF2/SHA-256';

export interface ChallengeConfig {
  /** PBKDF2 iterations per counter tried. */
  cost: number;
  /** The counter to find is drawn from counterMax/2 to counterMax. */
  counterMax: number;
  /** How long a challenge may be solved and used. */
  ttlMs: number;
}

/** About 0.3-0.8 s of a phone's browser; tests and the benchmark make it cheaper. */
export const defaultChallengeConfig: ChallengeConfig = { cost: 1000, counterMax: 1500, ttlMs: 10 * 60_000 };

export type Challenges = ReturnType<typeof createChallenges>;

export function createChallenges(db: Kysely<Database>, secret: Buffer, config: ChallengeConfig) {
  // Keys of their own, derived from the server secret: a challenge signature is no code HMAC.
  const signatureKey = subKey(secret, 'pikir:pow:challenge');
  const keySignatureKey = subKey(secret, 'pikir:pow:key');

  /** A fresh challenge for a send on `siteId`. */
  async function issue(siteId: string, now: number): Promise<PowChallenge> {
    const challenge = await createChallenge({
      algorithm: ALGORITHM,
      cost: config.cost,
      counter: randomInt(Math.ceil(config.counterMax / 2), config.counterMax),
      deriveKey,
      // Checked against our clock (tests move it), not altcha-lib's own expiresAt and Date.now().
      data: { site: siteId, expires: now + config.ttlMs },
      hmacSignatureSecret: signatureKey,
      hmacKeySignatureSecret: keySignatureKey,
    });
    return { parameters: challenge.parameters, signature: challenge.signature };
  }

  /**
   * True when `proof` (base64 of `{challenge, solution}`, as the ALTCHA widget sends it) solves a
   * challenge of ours for `siteId` that is still valid and was not used before; it is then used.
   */
  async function redeem(proof: string | undefined, siteId: string, now: number): Promise<boolean> {
    const payload = proof ? parseProof(proof) : null;
    if (!payload) return false;
    const { challenge, solution } = payload;
    const data = challenge.parameters.data;
    if (data?.site !== siteId || typeof data.expires !== 'number' || data.expires <= now) return false;
    const result = await verifySolution({
      challenge,
      solution,
      deriveKey,
      hmacSignatureSecret: signatureKey,
      hmacKeySignatureSecret: keySignatureKey,
    }).catch(() => ({ verified: false }));
    if (!result.verified) return false;
    // Single use: of two requests with one solution, only the first insert goes in.
    const used = await db
      .insertInto('pow_solutions')
      .values({ id: challenge.parameters.nonce, expires_at: data.expires })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(used.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Forgets solutions whose challenges have expired anyway (called with the counters' sweep). */
  async function sweep(now: number): Promise<void> {
    await db.deleteFrom('pow_solutions').where('expires_at', '<', now).execute();
  }

  return { issue, redeem, sweep };
}

function subKey(secret: Buffer, purpose: string): string {
  return createHmac('sha256', secret).update(purpose).digest('hex');
}

interface Proof {
  challenge: Required<PowChallenge>;
  solution: { counter: number; derivedKey: string };
}

/** The proof's JSON, or null when it is not one: anything malformed is simply no proof. */
function parseProof(proof: string): Proof | null {
  try {
    const payload = JSON.parse(Buffer.from(proof, 'base64').toString('utf8')) as Partial<Proof> | null;
    const { challenge, solution } = payload ?? {};
    const wellFormed =
      typeof challenge?.signature === 'string' &&
      typeof challenge.parameters?.nonce === 'string' &&
      typeof solution?.counter === 'number' &&
      typeof solution.derivedKey === 'string';
    return wellFormed ? (payload as Proof) : null;
  } catch {
    return null;
  }
}
