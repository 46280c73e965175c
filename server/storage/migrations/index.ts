import type { Migration } from 'kysely';
import * as m001 from './001_foundation.ts';
import * as m002 from './002_sessions.ts';
import * as m003 from './003_accounts.ts';
import * as m004 from './004_moderation.ts';
import * as m005 from './005_abuse_limits.ts';
import * as m006 from './006_counters.ts';
import * as m007 from './007_webhook_outbox.ts';
import * as m008 from './008_held_comments.ts';
import * as m009 from './009_site_roles.ts';
import * as m010 from './010_privacy_import.ts';
import * as m011 from './011_closed_pages.ts';
import * as m012 from './012_comment_removed_at.ts';
import * as m013 from './013_notifications.ts';
import * as m014 from './014_thread_events.ts';
import * as m015 from './015_reactions_pins.ts';

/** Every migration, in order. Names sort lexically; never rename or edit a released one. */
export const migrations: Record<string, Migration> = {
  '001_foundation': m001,
  '002_sessions': m002,
  '003_accounts': m003,
  '004_moderation': m004,
  '005_abuse_limits': m005,
  '006_counters': m006,
  '007_webhook_outbox': m007,
  '008_held_comments': m008,
  '009_site_roles': m009,
  '010_privacy_import': m010,
  '011_closed_pages': m011,
  '012_comment_removed_at': m012,
  '013_notifications': m013,
  '014_thread_events': m014,
  '015_reactions_pins': m015,
};
