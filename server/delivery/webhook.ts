/**
 * Site webhooks: a JSON POST per new complaint, per moderation action and per alert, signed
 * (webhook-signing.ts). The request that causes one only writes it to the outbox
 * (storage/webhook-outbox.ts), so a slow or broken receiver never delays or fails anyone, and
 * the worker (webhook-worker.ts) delivers it with retries. The payloads are WebhookEvent
 * (shared/api.ts), documented in docs/operations.md.
 */
import type { Kysely } from 'kysely';
import type {
  BanView,
  CommentAuthor,
  ComplaintReason,
  ModerationAction,
  QueueItem,
  WebhookComment,
  WebhookEvent,
} from '../../shared/api.ts';
import { randomId } from '../ids.ts';
import { getComment } from '../storage/comments.ts';
import { queueItems } from '../storage/queue.ts';
import type { Database } from '../storage/schema.ts';
import { getSite } from '../storage/sites.ts';
import { enqueueWebhook } from '../storage/webhook-outbox.ts';

/** One POST of a delivery; throws on anything but a 2xx answer. */
export type WebhookSender = (url: string, body: string, headers: Record<string, string>) => Promise<void>;

/** POSTs with a 10-second timeout; redirects are not followed, any non-2xx answer is a failure. */
export function httpWebhookSender(timeoutMs = 10_000): WebhookSender {
  return async (url, body, headers) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Pikir-Webhook/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`answered ${response.status}`);
  };
}

export interface AnnounceDeps {
  db: Kysely<Database>;
  log: (line: string) => void;
}

/**
 * Writes the event to the outbox when the site has a webhook; `build` runs only then. Never
 * throws: a failure to queue is logged and the request that caused it still succeeds.
 */
export async function announce(
  deps: AnnounceDeps,
  siteId: string,
  at: number,
  build: () => Promise<WebhookEvent>,
): Promise<void> {
  try {
    if (!(await getSite(deps.db, siteId))?.settings.webhookUrl) return;
    const event = await build();
    await enqueueWebhook(
      deps.db,
      { id: randomId(), siteId, eventType: event.type, body: JSON.stringify(event) },
      at,
    );
  } catch (error) {
    deps.log(
      `webhook of site ${siteId} not queued: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** A moderation action: the comment as it stands after it. */
export function announceModeration(
  deps: AnnounceDeps,
  e: {
    siteId: string;
    commentId: string;
    action: ModerationAction['action'];
    reason: string | null;
    ban: BanView | null;
    actor: CommentAuthor;
    at: number;
  },
): Promise<void> {
  return announce(deps, e.siteId, e.at, async () => {
    const item = await commentOf(deps, e.commentId, e.at);
    const { siteId, commentId, ...rest } = e;
    return { type: 'moderation', site: siteId, comment: webhookComment(item), ...rest };
  });
}

/** A new complaint, with how many now stand against the comment. */
export function announceComplaint(
  deps: AnnounceDeps,
  e: {
    siteId: string;
    commentId: string;
    reason: ComplaintReason;
    details: string | null;
    actor: CommentAuthor;
    at: number;
  },
): Promise<void> {
  return announce(deps, e.siteId, e.at, async () => {
    const item = await commentOf(deps, e.commentId, e.at);
    const openComplaints = (await getComment(deps.db, e.commentId))?.openComplaints ?? 0;
    const { siteId, commentId, ...rest } = e;
    return { type: 'complaint', site: siteId, comment: webhookComment(item), openComplaints, ...rest };
  });
}

async function commentOf(deps: AnnounceDeps, id: string, now: number): Promise<QueueItem> {
  const [item] = await queueItems(deps.db, [id], now);
  if (!item) throw new Error(`comment ${id} is gone`);
  return item;
}

function webhookComment(item: QueueItem): WebhookComment {
  const { id, text, status, author } = item.comment;
  return { id, text, status, author, page: item.page };
}
