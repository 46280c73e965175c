/**
 * Alerts to the people who run a site: an SMS budget half, four fifths or wholly spent, a scope
 * running hot, an account locked after too many failed sign-ins. Each goes to the admin panel's
 * service messages (admin_log), to the site's webhook and by email to the site's admins (and the
 * server's ADMINS), and is written to the log as a structured line. At most one alert of a kind
 * per site an hour (budget levels: once a day), so a storm of refusals is one message, not
 * thousands: the dedupe is one conditional upsert on a counter row.
 *
 * The webhook is queued (delivery/webhook.ts) and email goes out after the request has been
 * answered; neither ever fails it, their failures are logged.
 */
import type { Kysely } from 'kysely';
import type { AlertKind } from '../../shared/api.ts';
import type { Logger } from '../logger.ts';
import { writeAdminLog } from '../storage/admin-log.ts';
import { takeHit } from '../storage/rate-counters.ts';
import type { Database } from '../storage/schema.ts';
import { getSite } from '../storage/sites.ts';
import { escapeHtml } from './messages.ts';
import type { EmailTransport } from './transport.ts';
import { announce } from './webhook.ts';

const HOUR = 3600_000;

export interface AlertDeps {
  db: Kysely<Database>;
  delivery: EmailTransport;
  log: Logger;
  /** ADMINS: told about every site. */
  admins: readonly string[];
}

export interface Alert {
  /** The site it is about; null for the server as a whole (its SMS budget). */
  siteId: string | null;
  kind: AlertKind;
  /** One line for admins, in English like the rest of the service log; no codes, no passwords. */
  message: string;
  /** Sent at most once per this key and window; default: once per site and kind an hour. */
  once?: { key: string; windowMs: number };
  /** Every occurrence goes to the service log and the log; only webhook and email are held to `once`. */
  recordEvery?: boolean;
}

export type RaiseAlert = (alert: Alert, now: number) => Promise<void>;

/** The counter row that remembers an alert was sent, so callers can read it before raising one. */
export function alertKey(siteId: string | null, once: string): string {
  return `alert:${siteId ?? '*'}:${once}`;
}

export function alerter(deps: AlertDeps): RaiseAlert {
  return async (alert, now) => {
    const once = alert.once ?? { key: alert.kind, windowMs: HOUR };
    const window = { key: alertKey(alert.siteId, once.key), windowMs: once.windowMs };
    const first = await takeHit(deps.db, window, 1, now);
    if (!first && !alert.recordEvery) return;
    await writeAdminLog(deps.db, { siteId: alert.siteId, kind: alert.kind, message: alert.message }, now);
    deps.log(`alert kind=${alert.kind} site=${alert.siteId ?? '*'} message=${JSON.stringify(alert.message)}`);
    if (!first) return;
    if (alert.siteId) {
      const site = alert.siteId;
      await announce(deps, site, now, async () => ({
        type: 'alert',
        site,
        kind: alert.kind,
        message: alert.message,
        at: now,
      }));
    }
    void emailAdmins(deps, alert).catch((error: unknown) => {
      deps.log(
        `alert email of ${alert.kind} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  };
}

async function emailAdmins(deps: AlertDeps, alert: Alert): Promise<void> {
  const site = alert.siteId ? await getSite(deps.db, alert.siteId) : undefined;
  const siteAdmins = alert.siteId
    ? await deps.db
        .selectFrom('site_admins')
        .select('contact')
        .where('site_id', '=', alert.siteId)
        // The site's admins, who set its budgets and limits; its moderators work the queues.
        .where('role', '=', 'admin')
        .execute()
    : [];
  const emails = [
    ...new Set([...siteAdmins.map((r) => r.contact), ...deps.admins].filter((c) => c.includes('@'))),
  ];
  const about = site ? site.name : 'all sites';
  for (const to of emails) {
    await deps.delivery.sendEmail({
      to,
      subject: `Pikir (${about}): ${alert.kind}`,
      text: `${alert.message}\n`,
      html: `<p>${escapeHtml(alert.message)}</p>`,
    });
  }
}
