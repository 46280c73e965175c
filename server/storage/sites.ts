import type { Kysely, Selectable } from 'kysely';
import { COMMENT_MAX_LENGTH } from '../../shared/limits.ts';
import type { Database } from './schema.ts';

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
}

export const defaultSiteSettings: SiteSettings = {
  commentMaxLength: COMMENT_MAX_LENGTH,
  complaintThreshold: 3,
  smsCountries: ['KZ'],
  smsDailyBudget: 500,
  webhookUrl: null,
};

export interface Site {
  id: string;
  name: string;
  origins: string[];
  defaultCountry: string;
  settings: SiteSettings;
  createdAt: number;
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
  version: number;
  checkedAt: number;
}

/** Per database handle: the sites read through it, with the version each was read at. */
const siteCaches = new WeakMap<Kysely<Database>, Map<string, CachedSite>>();

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
    cache = new Map();
    siteCaches.set(db, cache);
  }
  const hit = cache.get(id);
  if (hit && now - hit.checkedAt >= 0 && now - hit.checkedAt < SITE_RECHECK_MS) return hit.site;
  if (hit) {
    const row = await db.selectFrom('sites').select('version').where('id', '=', id).executeTakeFirst();
    if (row && Number(row.version) === hit.version) {
      hit.checkedAt = now;
      return hit.site;
    }
  }
  const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) {
    cache.delete(id);
    return undefined;
  }
  const site = toSite(row);
  cache.set(id, { site, version: Number(row.version), checkedAt: now });
  return site;
}

/** Drops this process's cached copy; other processes see the bumped version. */
function forgetSite(db: Kysely<Database>, id: string): void {
  siteCaches.get(db)?.delete(id);
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

function toSite(row: Selectable<Database['sites']>): Site {
  return {
    id: row.id,
    name: row.name,
    origins: JSON.parse(row.origins) as string[],
    defaultCountry: row.default_country,
    settings: { ...defaultSiteSettings, ...(JSON.parse(row.settings) as Partial<SiteSettings>) },
    createdAt: row.created_at,
  };
}

/** Merges `changes` into the site's stored settings; false when there is no such site. */
export async function updateSiteSettings(
  db: Kysely<Database>,
  id: string,
  changes: Partial<SiteSettings>,
): Promise<boolean> {
  const updated = await db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('sites').select('settings').where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    const settings = { ...(JSON.parse(row.settings) as Partial<SiteSettings>), ...changes };
    await tx
      .updateTable('sites')
      .set((eb) => ({ settings: JSON.stringify(settings), version: eb(eb.ref('version'), '+', 1) }))
      .where('id', '=', id)
      .execute();
    return true;
  });
  forgetSite(db, id);
  return updated;
}
