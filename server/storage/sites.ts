import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { COMMENT_MAX_LENGTH } from '../../shared/limits.ts';
import type { DeletedAuthorComments, PreModerationMode } from '../../shared/vocabulary.ts';
import type { Database, SitesTable } from './schema.ts';

export interface SiteSettings {
  /** Longest comment accepted, in characters. */
  commentMaxLength: number;
  /** Complaints from this many different readers hide a comment until an admin decides. */
  complaintThreshold: number;
  /** Countries (ISO alpha-2) that may receive SMS codes; everything else is refused before sending. */
  smsCountries: string[];
  /** SMS messages a day for this site; past it, codes go by email only. */
  smsDailyBudget: number;
  /** Optional URL that receives JSON on complaints and moderation actions. */
  webhookUrl: string | null;
  /** The site's privacy policy, linked from the widget's registration form; null: no link. */
  privacyPolicyUrl: string | null;
  /** What becomes of an erased account's comments here (shared/vocabulary.ts). */
  deletedAuthorComments: DeletedAuthorComments;
  /** Threads close to new comments this many days after their first comment; null: never. */
  closeAfterDays: number | null;
  /** Which comments wait for an admin before readers see them (server/moderation/screen.ts). */
  preModeration: PreModerationMode;
  /** With "few_approved": readers with fewer approved comments on the site than this are held. */
  preModerationMinApproved: number;
  /** A comment with a word starting with one of these is refused (shared/word-match.ts). */
  bannedWords: string[];
  /** A comment with a word starting with one of these is held for an admin. */
  suspectWords: string[];
  /** Readers may also press "Не нравится" (storage/reactions.ts); off: likes only. */
  dislikes: boolean;
}

export const defaultSiteSettings: SiteSettings = {
  commentMaxLength: COMMENT_MAX_LENGTH,
  complaintThreshold: 3,
  smsCountries: ['KZ'],
  smsDailyBudget: 500,
  webhookUrl: null,
  privacyPolicyUrl: null,
  deletedAuthorComments: 'anonymise',
  closeAfterDays: null,
  preModeration: 'off',
  preModerationMinApproved: 3,
  bannedWords: [],
  suspectWords: [],
  dislikes: false,
};

export interface Site {
  id: string;
  name: string;
  origins: string[];
  defaultCountry: string;
  settings: SiteSettings;
  createdAt: number;
  /** The random salt the webhook secret is derived from (delivery/webhook-signing.ts); null: none yet. */
  webhookSalt: string | null;
}

export interface NewSite {
  id: string;
  name: string;
  origins: string[];
  defaultCountry?: string;
  settings?: Partial<SiteSettings>;
}

/**
 * How long a cached site is trusted before its version is read again: writes from this process
 * reach the cache at once, writes from another (the CLI, a second instance) within this time.
 */
export const SITE_RECHECK_MS = 1000;

interface CachedSite {
  site: Site;
  /** The row's version and creation: a site removed and added again starts at version 0 again. */
  version: number;
  createdAt: number;
  checkedAt: number;
}

/** Per database handle: the sites read through it, with the version each was read at. */
interface SiteCache {
  sites: Map<string, CachedSite>;
  /** How often each site was forgotten: a read that was out meanwhile may predate the write. */
  forgets: Map<string, number>;
}
const siteCaches = new WeakMap<Kysely<Database>, SiteCache>();

/**
 * The site as getSite returns it, kept in memory: every request of a site's API needs it. Every
 * write to the sites table is in this module and bumps the row's `version`, which is what an
 * instance checks, once per SITE_RECHECK_MS, to see a change made elsewhere.
 */
export async function getCachedSite(
  db: Kysely<Database>,
  id: string,
  now: number,
): Promise<Site | undefined> {
  let cache = siteCaches.get(db);
  if (!cache) {
    cache = { sites: new Map(), forgets: new Map() };
    siteCaches.set(db, cache);
  }
  const hit = cache.sites.get(id);
  if (hit && now - hit.checkedAt >= 0 && now - hit.checkedAt < SITE_RECHECK_MS) return hit.site;
  if (hit) {
    const row = await db
      .selectFrom('sites')
      .select(['version', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row && Number(row.version) === hit.version && Number(row.created_at) === hit.createdAt) {
      hit.checkedAt = now;
      return hit.site;
    }
  }
  const forgets = cache.forgets.get(id) ?? 0;
  const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  // On PostgreSQL this read may have been answered from before a write this process made while
  // it was out: what it brought is used once, not kept.
  if ((cache.forgets.get(id) ?? 0) !== forgets) return row && toSite(row);
  if (!row) {
    cache.sites.delete(id);
    return undefined;
  }
  const site = toSite(row);
  cache.sites.set(id, {
    site,
    version: Number(row.version),
    createdAt: Number(row.created_at),
    checkedAt: now,
  });
  return site;
}

/** Drops this process's cached copy; other processes see the bumped version. */
function forgetSite(db: Kysely<Database>, id: string): void {
  const cache = siteCaches.get(db);
  if (!cache) return;
  cache.sites.delete(id);
  cache.forgets.set(id, (cache.forgets.get(id) ?? 0) + 1);
}

export async function getSite(db: Kysely<Database>, id: string): Promise<Site | undefined> {
  const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSite(row);
}

export async function listSites(db: Kysely<Database>): Promise<Site[]> {
  const rows = await db.selectFrom('sites').selectAll().orderBy('id').execute();
  return rows.map(toSite);
}

/** Returns false when a site with that id already exists (nothing is changed then). */
export async function createSite(db: Kysely<Database>, site: NewSite, now: number): Promise<boolean> {
  const result = await db
    .insertInto('sites')
    .values({
      id: site.id,
      name: site.name,
      origins: JSON.stringify(site.origins),
      default_country: site.defaultCountry ?? 'KZ',
      settings: JSON.stringify(site.settings ?? {}),
      created_at: now,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  forgetSite(db, site.id);
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

function toSite(row: Selectable<SitesTable>): Site {
  return {
    id: row.id,
    name: row.name,
    origins: JSON.parse(row.origins) as string[],
    defaultCountry: row.default_country,
    settings: { ...defaultSiteSettings, ...(JSON.parse(row.settings) as Partial<SiteSettings>) },
    createdAt: row.created_at,
    webhookSalt: row.webhook_salt,
  };
}

/** What one edit of a site changes; settings are merged into the stored ones. */
export interface SiteEdit {
  name?: string;
  defaultCountry?: string;
  origins?: string[];
  settings?: Partial<SiteSettings>;
  /** A new random webhook salt: the site's webhook secret changes (delivery/webhook-signing.ts). */
  newWebhookSalt?: boolean;
}

/**
 * Reads the site, asks `edit` what to change (it may throw to refuse) and writes it, in one
 * transaction; `record` runs in the same transaction with the site before and after (the audit
 * log). Undefined when there is no such site. Every write to a site goes through here,
 * createSite or removeSite.
 */
export async function updateSite(
  db: Kysely<Database>,
  id: string,
  edit: (site: Site) => SiteEdit,
  record?: (tx: Transaction<Database>, before: Site, after: Site) => Promise<void>,
): Promise<{ before: Site; after: Site } | undefined> {
  const result = await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const before = toSite(row);
    const change = edit(before);
    const stored = JSON.parse(row.settings) as Partial<SiteSettings>;
    const next = {
      name: change.name ?? row.name,
      default_country: change.defaultCountry ?? row.default_country,
      origins: change.origins ? JSON.stringify(change.origins) : row.origins,
      settings: change.settings ? JSON.stringify({ ...stored, ...change.settings }) : row.settings,
      webhook_salt: change.newWebhookSalt ? randomBytes(16).toString('base64url') : row.webhook_salt,
    };
    await tx
      .updateTable('sites')
      .set((eb) => ({ ...next, version: eb(eb.ref('version'), '+', 1) }))
      .where('id', '=', id)
      .execute();
    const after = toSite({ ...row, ...next });
    await record?.(tx, before, after);
    return { before, after };
  });
  forgetSite(db, id);
  return result;
}

/** Merges `changes` into the site's stored settings; false when there is no such site. */
export async function updateSiteSettings(
  db: Kysely<Database>,
  id: string,
  changes: Partial<SiteSettings>,
): Promise<boolean> {
  return (await updateSite(db, id, () => ({ settings: changes }))) !== undefined;
}

/** Removes the site with its pages, comments, complaints, admins and sessions; false when there is none. */
export async function removeSite(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('sites').where('id', '=', id).executeTakeFirst();
  forgetSite(db, id);
  return Number(result.numDeletedRows) > 0;
}

/** What differs between two states of a site, setting by setting, as text ("3" -> "5"). */
export function siteChanges(before: Site, after: Site): { setting: string; from: string; to: string }[] {
  const view = (site: Site) => ({
    name: site.name,
    origins: site.origins.join(' '),
    defaultCountry: site.defaultCountry,
    complaintThreshold: String(site.settings.complaintThreshold),
    smsCountries: site.settings.smsCountries.join(','),
    smsDailyBudget: String(site.settings.smsDailyBudget),
    commentMaxLength: String(site.settings.commentMaxLength),
    closeAfterDays: site.settings.closeAfterDays === null ? 'never' : String(site.settings.closeAfterDays),
    preModeration: site.settings.preModeration,
    preModerationMinApproved: String(site.settings.preModerationMinApproved),
    webhook: site.settings.webhookUrl ?? 'none',
    dislikes: site.settings.dislikes ? 'on' : 'off',
  });
  const was = view(before);
  const now = view(after);
  const changes: { setting: string; from: string; to: string }[] = (Object.keys(now) as (keyof typeof now)[])
    .filter((key) => was[key] !== now[key])
    .map((key) => ({ setting: key, from: was[key], to: now[key] }));
  // A word list can be long: the change names the words taken out (−) and put in (+).
  for (const list of ['bannedWords', 'suspectWords'] as const) {
    const old = new Set(before.settings[list]);
    const fresh = new Set(after.settings[list]);
    const removed = [...old].filter((w) => !fresh.has(w));
    const added = [...fresh].filter((w) => !old.has(w));
    if (removed.length > 0 || added.length > 0) {
      const from = removed.map((w) => `−${w}`).join(' ');
      changes.push({ setting: list, from, to: added.map((w) => `+${w}`).join(' ') });
    }
  }
  return changes;
}
