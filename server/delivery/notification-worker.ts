/**
 * Sends the email outbox of reply notifications (storage/email-outbox.ts): every `intervalMs` it
 * claims the due digests (the same claiming as the webhook worker, storage/outbox-claim.ts),
 * composes each from the replies gathered so far and sends it through the server's email
 * transport. A failure is retried with back-off (30 s doubling to an hour) and given up a day
 * later; a restart or a mail server down only delays the emails. Logs name no address.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { unsubscribeToken } from '../notifications/unsubscribe-token.ts';
import {
  type ClaimedDigest,
  claimDigests,
  digestContent,
  digestFailed,
  digestSent,
  dropDigest,
  sweepDigests,
} from '../storage/email-outbox.ts';
import type { Database } from '../storage/schema.ts';
import { digestEmail } from './notification-email.ts';
import type { EmailTransport } from './transport.ts';
import { type WorkerRounds, workerRounds } from './worker-rounds.ts';

export interface NotificationWorkerDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** The server key the unsubscribe links are signed with (auth/secret.ts). */
  serverKey: Buffer;
  /** Where the unsubscribe link points: the server's public origin. */
  publicUrl: string;
  email: EmailTransport;
  log: Logger;
  batch?: number;
  /** How long a claim holds; longer than the SMTP timeouts. Default 60 s. */
  leaseMs?: number;
}

export type NotificationWorker = WorkerRounds;

export function unsubscribeUrl(publicUrl: string, serverKey: Buffer, userId: string): string {
  return `${publicUrl}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(serverKey, userId))}`;
}

export function notificationWorker(deps: NotificationWorkerDeps): NotificationWorker {
  const batch = deps.batch ?? 20;
  const leaseMs = deps.leaseMs ?? 60_000;
  let sweptAt = Number.NEGATIVE_INFINITY;

  async function attempt(claim: ClaimedDigest): Promise<void> {
    const digest = await digestContent(deps.db, claim.userId);
    if (!digest) {
      await dropDigest(deps.db, claim.id);
      return;
    }
    const message = digestEmail(digest, unsubscribeUrl(deps.publicUrl, deps.serverKey, claim.userId));
    try {
      await deps.email.sendEmail(message);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const outcome = await digestFailed(deps.db, claim, reason.slice(0, 500), deps.clock.now());
      deps.log(
        `reply email ${claim.id} failed: ${reason} (attempt ${claim.attempt}${outcome === 'failed' ? ', given up' : ''})`,
      );
      return;
    }
    await digestSent(
      deps.db,
      claim,
      digest.replies.map((r) => r.notificationId),
      deps.clock.now(),
    );
  }

  async function tick(): Promise<number> {
    const now = deps.clock.now();
    const claimed = await claimDigests(deps.db, now, batch, leaseMs);
    await Promise.all(
      claimed.map((claim) =>
        attempt(claim).catch((error: unknown) => {
          // The database failed while recording: the lease runs out and the digest is tried again.
          deps.log(
            `reply email ${claim.id} not recorded: ${error instanceof Error ? error.message : String(error)}`,
          );
        }),
      ),
    );
    if (now - sweptAt >= 60_000) {
      sweptAt = now;
      await sweepDigests(deps.db, now);
    }
    return claimed.length;
  }

  return workerRounds('reply email worker', tick, batch, deps.log);
}
