/**
 * Site webhooks: a JSON POST per new complaint and per moderation action. Best effort by design:
 * one attempt with a short timeout, after the reader's or admin's request has been answered, so
 * a slow or broken chat bridge never delays or fails anyone; failures are logged.
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
import { getComment } from '../storage/comments.ts';
import { queueItems } from '../storage/queue.ts';
import type { Database } from '../storage/schema.ts';
import { getSite } from '../storage/sites.ts';

export type WebhookSender = (url: string, event: WebhookEvent) => Promise<void>;

/** POSTs with a 5-second timeout; redirects are not followed, any non-2xx answer is a failure. */
export function httpWebhookSender(timeoutMs = 5000): WebhookSender {
  return async (url, event) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Pikir-Webhook/1' },
      body: JSON.stringify(event),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`answered ${response.status}`);
  };
}

export interface AnnounceDeps {
  db: Kysely<Database>;
  webhook: WebhookSender;
  log: (line: string) => void;
}

/**
 * Sends the event to the site's webhook, if it has one, without waiting: `build` runs later too,
 * so its lookups cost the request nothing. Logs only the URL's origin: chat webhook URLs
 * (Slack, Telegram bots) carry their secret in the path.
 */
export function announce(deps: AnnounceDeps, siteId: string, build: () => Promise<WebhookEvent>): void {
  let target = '';
  void (async () => {
    const url = (await getSite(deps.db, siteId))?.settings.webhookUrl;
    if (!url) return;
    target = new URL(url).origin;
    await deps.webhook(url, await build());
  })().catch((error: unknown) => {
    deps.log(
      `webhook of site ${siteId} ${target} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
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
): void {
  announce(deps, e.siteId, async () => {
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
): void {
  announce(deps, e.siteId, async () => {
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
