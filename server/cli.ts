/**
 * npm run cli -- site add ID --origin URL [--origin URL…] [--name NAME]
 *                 site list
 *                 site set ID [--webhook URL|none] [--sms-daily-budget N]
 *                 admin add SITE-ID EMAIL-OR-PHONE
 *                 admin list SITE-ID
 *                 site privacy ID [--policy URL|none] [--deleted-comments anonymise|remove]
 *                 import disqus|wordpress|pikir FILE --site ID [--page-key url|id]
 *                 export --site ID FILE
 *                 help
 * Works on the database of the server's configuration (config.ts, the same environment
 * variables); both may run at the same time.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { parseContact } from '../shared/contact.ts';
import { siteIdSchema } from '../shared/schemas.ts';
import { parseSitePrivacyCommand, sitePrivacyUsage } from './cli/site-privacy.ts';
import { ConfigError, loadConfig, originOf } from './config.ts';
import { parseTransferCommand, transferUsage } from './import/commands.ts';
import { addSiteAdmin, listSiteAdmins } from './storage/admins.ts';
import { createDb, migrate } from './storage/db.ts';
import type { Database } from './storage/schema.ts';
import { createSite, getSite, listSites, updateSiteSettings } from './storage/sites.ts';

export interface CliDeps {
  db: Kysely<Database>;
  now: number;
  out: (line: string) => void;
  /** Where import draws its progress bar (a TTY only); none by default. */
  progress?: NodeJS.WriteStream;
}

export class CliError extends Error {}

const usage = `usage:
  site add ID --origin URL [--origin URL…] [--name NAME]
  site list
  site set ID [--webhook URL|none] [--sms-daily-budget N]
  admin add SITE-ID EMAIL-OR-PHONE
  admin list SITE-ID
${sitePrivacyUsage}
${transferUsage}
  help`;

type Command = (deps: CliDeps) => Promise<void>;

/** Runs the command `argv` names; `help` (or `--help`) prints the usage. */
export async function runCli(argv: string[], deps: CliDeps): Promise<void> {
  const command = parseCommand(argv);
  if (command === 'help') deps.out(usage);
  else await command(deps);
}

/** The command `argv` names, checked before anything is opened; a CliError with the usage if none. */
function parseCommand(argv: string[]): Command | 'help' {
  const transfer = parseTransferCommand(argv, (message) => new CliError(message));
  if (transfer) return transfer;
  const privacy = parseSitePrivacyCommand(argv, (message) => new CliError(message));
  if (privacy) return privacy;
  const { values, positionals } = parseArguments(argv);
  const { webhook } = values;
  const budget = values['sms-daily-budget'];
  const [group, action, ...rest] = positionals;
  if (values.help || (group === 'help' && action === undefined)) return 'help';
  const command = `${group ?? ''} ${action ?? ''}`;
  if (command === 'site add' && rest.length === 1)
    return (deps) => siteAdd(deps, rest[0]!, values.origin ?? [], values.name);
  if (command === 'site list' && rest.length === 0) return siteList;
  if (command === 'site set' && rest.length === 1 && (webhook !== undefined || budget !== undefined))
    return async (deps) => {
      if (webhook !== undefined) await siteSetWebhook(deps, rest[0]!, webhook);
      if (budget !== undefined) await siteSetSmsBudget(deps, rest[0]!, budget);
    };
  if (command === 'admin add' && rest.length === 2) return (deps) => adminAdd(deps, rest[0]!, rest[1]!);
  if (command === 'admin list' && rest.length === 1) return (deps) => adminList(deps, rest[0]!);
  throw new CliError(usage);
}

function parseArguments(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        origin: { type: 'string', multiple: true },
        name: { type: 'string' },
        webhook: { type: 'string' },
        'sms-daily-budget': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // Unknown options and options without their value.
    throw new CliError(`${(error as Error).message}\n${usage}`);
  }
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

/** SMS messages a day for the site (the server's SMS_DAILY_BUDGET caps all sites together). */
async function siteSetSmsBudget(deps: CliDeps, id: string, value: string) {
  if (!/^\d{1,9}$/.test(value))
    throw new CliError(
      `--sms-daily-budget "${value}" must be a whole number of messages a day, e.g. 500 (0 stops SMS)`,
    );
  const smsDailyBudget = Number(value);
  if (!(await updateSiteSettings(deps.db, id, { smsDailyBudget }))) throw new CliError(`no site "${id}"`);
  deps.out(`site "${id}" may send ${smsDailyBudget} SMS a day`);
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

/** The CLI as a program: help needs no configuration; every other command opens the database. */
async function main(argv: string[]): Promise<number> {
  const out = (line: string) => console.log(line);
  try {
    const command = parseCommand(argv);
    if (command === 'help') {
      out(usage);
      return 0;
    }
    const storage = createDb(loadConfig(process.env).databaseUrl);
    try {
      await migrate(storage.db);
      await command({ db: storage.db, now: Date.now(), out, progress: process.stderr });
    } finally {
      await storage.close();
    }
    return 0;
  } catch (error) {
    console.error(error instanceof CliError || error instanceof ConfigError ? error.message : error);
    return 1;
  }
}

if (runsAsScript()) process.exitCode = await main(process.argv.slice(2));
