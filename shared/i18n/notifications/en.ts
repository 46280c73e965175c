/**
 * Texts of the reader's notifications list ("Уведомления"), in its lazily loaded chunk, not on the
 * reading path (../reader/en.ts `account.notifications` is the button). English is the type.
 */
import type { Strings } from '../index.ts';

export const notificationsEn = {
  title: 'Notifications',
  empty: 'No notifications yet. When someone replies to your comment, you will see it here.',
  loading: 'Loading…',
  replied: '{name} replied to your comment',
  replyGone: 'The reply was hidden or deleted.',
  deletedUser: 'Deleted user',
  complaintDecided: 'Your report has been reviewed',
  removed: 'The comment was removed',
  left: 'The comment was left',
  onPage: 'On “{title}”',
  unread: 'new',
  close: 'Close',
};

export type NotificationsDictionary = Strings<typeof notificationsEn>;
