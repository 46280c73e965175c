import type { Kysely } from 'kysely';
import { COMMENT_MAX_LENGTH } from '../../shared/limits.ts';
import type { DeletedAuthorComments } from '../../shared/vocabulary.ts';
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
  /** The site's privacy policy, linked from the widget's registration form; null: no link. */
  privacyPolicyUrl: string | null;
  /** What becomes of an erased account's comments here (shared/vocabulary.ts). */
  deletedAuthorComments: DeletedAuthorComments;
}

export const defaultSiteSettings: SiteSettings = {
  commentMaxLength: COMMENT_MAX_LENGTH,
  complaintThreshold: 3,
  smsCountries: ['KZ'],
  smsDailyBudget: 500,
  webhookUrl: null,
  privacyPolicyUrl: null,
  deletedAuthorComments: 'anonymise',
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
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

function toSite(row: Database['sites']): Site {
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
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('sites').select('settings').where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    const settings = { ...(JSON.parse(row.settings) as Partial<SiteSettings>), ...changes };
    await tx
      .updateTable('sites')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', id)
      .execute();
    return true;
  });
}
