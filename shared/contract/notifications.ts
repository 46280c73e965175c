/**
 * What a signed-in reader is told (server/routes/notifications.ts): replies to their comments and
 * decisions on the comments they reported, under "Уведомления" in the widget, and whether reply
 * emails come. The one-click unsubscribe link of the emails is a page of its own (`/unsubscribe`),
 * not an API endpoint: it needs no session and no site.
 */
import type { NotificationList, NotificationSummary } from '../api.ts';
import {
  notificationEmailSchema,
  notificationSummaryQuerySchema,
  notificationsReadSchema,
} from '../schemas.ts';
import { type EndpointTable, endpoint, type NoContent } from './endpoint.ts';

export const notificationEndpoints = {
  /** The unread count for the signed-in bar, and the email setting; `lang` is kept for the emails. */
  'GET /api/sites/:site/notifications/summary': endpoint('reader')
    .query(notificationSummaryQuerySchema)
    .answers<NotificationSummary>(200),
  /** The reader's latest notifications on the site (30), newest first. */
  'GET /api/sites/:site/notifications': endpoint('reader').answers<NotificationList>(200),
  /** Marks the reader's own notifications among `ids` read; 120 an hour per reader. */
  'POST /api/sites/:site/notifications/read': endpoint('reader')
    .body(notificationsReadSchema)
    .answers<NoContent>(204),
  /** Turns reply emails on or off; 409 `no_email` for an account without an email; 30 an hour per reader. */
  'PUT /api/sites/:site/account/notifications': endpoint('reader')
    .body(notificationEmailSchema)
    .answers<NotificationSummary>(200),
} as const satisfies EndpointTable;
