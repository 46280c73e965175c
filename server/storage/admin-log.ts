import type { Kysely } from 'kysely';
import { randomId } from '../ids.ts';
import type { Database } from './schema.ts';

export interface AdminLogEntry {
  siteId: string | null;
  /** A stable name for the event, e.g. "sms_budget_exhausted". */
  kind: string;
  /** One line for the site's admins; never a code, password or token. */
  message: string;
}

export async function writeAdminLog(db: Kysely<Database>, entry: AdminLogEntry, now: number): Promise<void> {
  await db
    .insertInto('admin_log')
    .values({ id: randomId(), site_id: entry.siteId, at: now, kind: entry.kind, message: entry.message })
    .execute();
}

/** The site's log with the server's own (site_id null: the server's SMS budget), newest first. */
export async function listAdminLog(db: Kysely<Database>, siteId: string, limit = 100) {
  return db
    .selectFrom('admin_log')
    .select(['at', 'kind', 'message'])
    .where((eb) => eb.or([eb('site_id', '=', siteId), eb('site_id', 'is', null)]))
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
}
