/**
 * npm run cli -- site add ID --origin URL [--origin URL…] [--name NAME]
 *                 site list
 *                 site set ID --webhook URL|none
 *                 admin add SITE-ID EMAIL-OR-PHONE
 *                 admin list SITE-ID
 * Works on the database named by DATABASE_URL, like the server (they may run at the same time).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { parseContact } from '../shared/contact.ts';
import { siteIdSchema } from '../shared/schemas.ts';
import { originOf } from './config.ts';
import { addSiteAdmin, listSiteAdmins } from './storage/admins.ts';
import { createDb, migrate } from './storage/db.ts';
import type { Database } from './storage/schema.ts';
import { createSite, getSite, listSites, updateSiteSettings } from './storage/sites.ts';

export interface CliDeps {
  db: Kysely<Database>;
  now: number;
  out: (line: string) => void;
}

export class CliError extends Error {}

const usage = `usage:
  site add ID --origin URL [--origin URL…] [--name NAME]
  site list
  site set ID --webhook URL|none
  admin add SITE-ID EMAIL-OR-PHONE
  admin list SITE-ID`;

export async function runCli(argv: string[], deps: CliDeps): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      origin: { type: 'string', multiple: true },
      name: { type: 'string' },
      webhook: { type: 'string' },
    },
  });
  const [group, action, ...rest] = positionals;
  const command = `${group ?? ''} ${action ?? ''}`;
  if (command === 'site add' && rest.length === 1)
    return siteAdd(deps, rest[0]!, values.origin ?? [], values.name);
  if (command === 'site list' && rest.length === 0) return siteList(deps);
  if (command === 'site set' && rest.length === 1 && values.webhook !== undefined)
    return siteSetWebhook(deps, rest[0]!, values.webhook);
  if (command === 'admin add' && rest.length === 2) return adminAdd(deps, rest[0]!, rest[1]!);
  if (command === 'admin list' && rest.length === 1) return adminList(deps, rest[0]!);
  throw new CliError(usage);
}

async function siteAdd(deps: CliDeps, id: string, origins: string[], name?: string) {
  if (!v.is(siteIdSchema, id))
    throw new CliError(`site id "${id}" must be 1-63 lower-case letters, digits or dashes`);
  if (origins.length === 0)
    throw new CliError('name at least one --origin, e.g. --origin https://news.example.kz');
  const exact = origins.map((origin) => {
    const parsed = originOf(origin.replace(/\/+$/, ''));
    if (!parsed)
      throw new CliError(
        `--origin "${origin}" must be an http(s) origin such as https://news.example.kz, without a path`,
      );
    return parsed;
  });
  const created = await createSite(deps.db, { id, name: name ?? id, origins: [...new Set(exact)] }, deps.now);
  if (!created) throw new CliError(`site "${id}" already exists`);
  deps.out(`site "${id}" added with origins ${exact.join(', ')}`);
}

async function siteList(deps: CliDeps) {
  const sites = await listSites(deps.db);
  if (sites.length === 0) deps.out('no sites');
  for (const site of sites) deps.out(`${site.id}\t${site.name}\t${site.origins.join(' ')}`);
}

/** The URL that receives complaints and moderation actions as JSON; "none" clears it. */
async function siteSetWebhook(deps: CliDeps, id: string, value: string) {
  const webhookUrl = value === 'none' ? null : httpUrl(value);
  if (webhookUrl === undefined)
    throw new CliError(`--webhook "${value}" must be an http(s) URL, or "none" to stop sending`);
  if (!(await updateSiteSettings(deps.db, id, { webhookUrl }))) throw new CliError(`no site "${id}"`);
  deps.out(
    webhookUrl
      ? `site "${id}" sends complaints and moderation to ${webhookUrl}`
      : `site "${id}" has no webhook`,
  );
}

function httpUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

async function adminAdd(deps: CliDeps, siteId: string, input: string) {
  const site = await getSite(deps.db, siteId);
  if (!site) throw new CliError(`no site "${siteId}"`);
  const contact = parseContact(input, site.defaultCountry);
  if (!contact) throw new CliError(`"${input}" is neither a valid email nor a valid phone number`);
  await addSiteAdmin(deps.db, site.id, contact.value, deps.now);
  deps.out(`${contact.value} is an admin of "${site.id}"`);
}

async function adminList(deps: CliDeps, siteId: string) {
  const site = await getSite(deps.db, siteId);
  if (!site) throw new CliError(`no site "${siteId}"`);
  const admins = await listSiteAdmins(deps.db, site.id);
  if (admins.length === 0) deps.out(`no admins for "${site.id}"`);
  for (const admin of admins) deps.out(admin);
}

function runsAsScript(): boolean {
  return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
}

if (runsAsScript()) {
  const storage = createDb(process.env.DATABASE_URL ?? './data/pikir.db');
  try {
    await migrate(storage.db);
    await runCli(process.argv.slice(2), {
      db: storage.db,
      now: Date.now(),
      out: (line) => console.log(line),
    });
  } catch (error) {
    console.error(error instanceof CliError || error instanceof TypeError ? error.message : error);
    process.exitCode = 1;
  } finally {
    await storage.close();
  }
}
