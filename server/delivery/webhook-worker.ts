/**
 * Delivers the webhook outbox (storage/webhook-outbox.ts): every `intervalMs` it claims the due
 * deliveries, signs each with its site's secret (webhook-signing.ts) and POSTs it. A failure is
 * retried with exponential back-off (30 s doubling to an hour); a delivery still failing a day
 * after its event is given up, which the site's admins see in the panel's service messages and
 * settings page, and the operator in `npm run cli -- site show`. Logs name only the receiver's
 * origin: chat webhook URLs (Slack, Telegram bots) carry their secret in the path.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { writeAdminLog } from '../storage/admin-log.ts';
import type { Database } from '../storage/schema.ts';
import { getSite, updateSite } from '../storage/sites.ts';
import {
  type ClaimedDelivery,
  claimWebhooks,
  dropWebhook,
  markDelivered,
  markFailed,
  sweepWebhooks,
} from '../storage/webhook-outbox.ts';
import type { WebhookSender } from './webhook.ts';
import { signedHeaders, webhookSecret } from './webhook-signing.ts';
import { type WorkerRounds, workerRounds } from './worker-rounds.ts';

export interface WebhookWorkerDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** The server key the sites' webhook secrets are derived from (auth/secret.ts). */
  serverKey: Buffer;
  send: WebhookSender;
  log: Logger;
  /** Deliveries claimed at once; default 20. */
  batch?: number;
  /** How long a claim holds; longer than the sender's timeout. Default 60 s. */
  leaseMs?: number;
}

export type WebhookWorker = WorkerRounds;

export function webhookWorker(deps: WebhookWorkerDeps): WebhookWorker {
  const batch = deps.batch ?? 20;
  const leaseMs = deps.leaseMs ?? 60_000;
  let sweptAt = Number.NEGATIVE_INFINITY;

  async function attempt(delivery: ClaimedDelivery): Promise<void> {
    let site = await getSite(deps.db, delivery.siteId);
    const url = site?.settings.webhookUrl;
    if (!site || !url) {
      await dropWebhook(deps.db, delivery.id);
      return;
    }
    // A webhook set before secrets existed gets one now; the operator reads it with
    // `site set ID --rotate-webhook-secret`.
    if (!site.webhookSalt)
      site = (await updateSite(deps.db, site.id, (s) => (s.webhookSalt ? {} : { newWebhookSalt: true })))
        ?.after;
    if (!site?.webhookSalt) return;
    const secret = webhookSecret(deps.serverKey, site.id, site.webhookSalt);
    try {
      await deps.send(url, delivery.body, signedHeaders(secret, delivery, deps.clock.now()));
      await markDelivered(deps.db, delivery.id, deps.clock.now());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const origin = new URL(url).origin;
      const now = deps.clock.now();
      const outcome = await markFailed(deps.db, delivery, reason.slice(0, 500), now);
      deps.log(
        `webhook of site ${site.id} ${origin} failed: ${reason} (event ${delivery.eventType} ${delivery.id}, attempt ${delivery.attempt}${outcome === 'failed' ? ', given up' : ''})`,
      );
      if (outcome === 'failed') {
        await writeAdminLog(
          deps.db,
          {
            siteId: site.id,
            kind: 'webhook_failed',
            message: `A webhook (${delivery.eventType} event ${delivery.id}) to ${origin} was given up after ${delivery.attempt} attempts over a day: ${reason.slice(0, 200)}`,
          },
          now,
        );
      }
    }
  }

  async function tick(): Promise<number> {
    const now = deps.clock.now();
    const claimed = await claimWebhooks(deps.db, now, batch, leaseMs);
    await Promise.all(
      claimed.map((delivery) =>
        attempt(delivery).catch((error: unknown) => {
          // The database failed while recording: the lease runs out and the delivery is retried.
          deps.log(
            `webhook ${delivery.id} not recorded: ${error instanceof Error ? error.message : String(error)}`,
          );
        }),
      ),
    );
    // Old rows go once a minute, not every round.
    if (now - sweptAt >= 60_000) {
      sweptAt = now;
      await sweepWebhooks(deps.db, now);
    }
    return claimed.length;
  }

  return workerRounds('webhook worker', tick, batch, deps.log);
}
