/**
 * npm run cli -- site add|list|show|set|remove|privacy …, admin add|list|remove|role …, backup FILE,
 *                 import …, export …, help (the usage below).
 * Works on the database of the server's configuration (config.ts, the same environment
 * variables); both may run at the same time.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { type SiteSettingsPatch, siteIdSchema, siteSettingsPatchSchema } from '../shared/schemas.ts';
import { codeSecret } from './auth/secret.ts';
import { adminTeamUsage, parseAdminCommand } from './cli/admin-team.ts';
import { parseSitePrivacyCommand, sitePrivacyUsage } from './cli/site-privacy.ts';
import { ConfigError, loadConfig, originOf } from './config.ts';
import { webhookSecret } from './delivery/webhook-signing.ts';
import { parseTransferCommand, transferUsage } from './import/commands.ts';
import { listTeam } from './storage/admins.ts';
import { openDatabase, type Storage, StorageStartError } from './storage/db.ts';
import type { Database } from './storage/schema.ts';
import {
  createSite,
  getSite,
  listSites,
  removeSite,
  type Site,
  siteChanges,
  updateSite,
} from './storage/sites.ts';
import { webhookStatus } from './storage/webhook-outbox.ts';

export interface CliDeps {
  db: Kysely<Database>;
  now: number;
  out: (line: string) => void;
  /** The server key (auth/secret.ts) webhook secrets are derived from. */
  secret: Buffer;
  /** Where import draws its progress bar (a TTY only); none by default. */
  progress?: NodeJS.WriteStream;
  /** The database's engine and, on SQLite, its online backup (`backup FILE`). */
  storage?: Pick<Storage, 'engine' | 'backup'>;
}

export class CliError extends Error {}

const usage = `usage:
  site add ID --origin URL [--origin URL…] [--name NAME]
  site list
  site show ID
  site set ID [--name NAME] [--add-origin URL…] [--remove-origin URL…] [--default-country CC]
              [--complaint-threshold N] [--sms-countries CC,CC…] [--sms-daily-budget N]
              [--comment-max-length N] [--close-after-days N|none] [--dislikes on|off] [--webhook URL|none] [--rotate-webhook-secret]
              [--pre-moderation off|first_comment|few_approved|links|all] [--pre-moderation-min N]
              [--banned-words W,W…|none] [--suspect-words W,W…|none]
  site remove ID --yes
${adminTeamUsage.replace('usage:\n', '')}
  backup FILE          (SQLite: a consistent copy, safe while the server runs)
${sitePrivacyUsage}
${transferUsage}
  help`;

/** The flags of `site set` that are settings, by the field of siteSettingsPatchSchema they fill. */
const settingFlags = {
  name: 'name',
  defaultCountry: 'default-country',
  complaintThreshold: 'complaint-threshold',
  smsCountries: 'sms-countries',
  smsDailyBudget: 'sms-daily-budget',
  commentMaxLength: 'comment-max-length',
  closeAfterDays: 'close-after-days',
  preModeration: 'pre-moderation',
  preModerationMinApproved: 'pre-moderation-min',
  bannedWords: 'banned-words',
  suspectWords: 'suspect-words',
  webhookUrl: 'webhook',
  dislikes: 'dislikes',
} as const satisfies Record<keyof SiteSettingsPatch, string>;

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
  const team = parseAdminCommand(argv, (message) => new CliError(message));
  if (team) return team;
  const { values, positionals } = parseArguments(argv);
  const [group, action, ...rest] = positionals;
  if (values.help || (group === 'help' && action === undefined)) return 'help';
  const command = `${group ?? ''} ${action ?? ''}`;
  if (command === 'site add' && rest.length === 1)
    return (deps) => siteAdd(deps, rest[0]!, values.origin ?? [], values.name);
  if (command === 'site list' && rest.length === 0) return siteList;
  if (command === 'site show' && rest.length === 1) return (deps) => siteShow(deps, rest[0]!);
  if (command === 'site set' && rest.length === 1) {
    const edit = siteEditOf(values);
    return (deps) => siteSet(deps, rest[0]!, edit);
  }
  if (command === 'site remove' && rest.length === 1) {
    if (!values.yes)
      throw new CliError(
        `removing a site deletes its comments, complaints, admins and sessions for good: add --yes to go ahead`,
      );
    return (deps) => siteRemove(deps, rest[0]!);
  }
  if (group === 'backup' && action !== undefined && rest.length === 0) return (deps) => backup(deps, action);
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
        'add-origin': { type: 'string', multiple: true },
        'remove-origin': { type: 'string', multiple: true },
        'default-country': { type: 'string' },
        'complaint-threshold': { type: 'string' },
        'sms-countries': { type: 'string' },
        'sms-daily-budget': { type: 'string' },
        'comment-max-length': { type: 'string' },
        'close-after-days': { type: 'string' },
        'pre-moderation': { type: 'string' },
        'pre-moderation-min': { type: 'string' },
        'banned-words': { type: 'string' },
        'suspect-words': { type: 'string' },
        dislikes: { type: 'string' },
        webhook: { type: 'string' },
        'rotate-webhook-secret': { type: 'boolean' },
        yes: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // Unknown options and options without their value.
    throw new CliError(`${(error as Error).message}\n${usage}`);
  }
}

interface SiteSetEdit {
  settings: SiteSettingsPatch;
  addOrigins: string[];
  removeOrigins: string[];
  rotateWebhookSecret: boolean;
}

type Values = ReturnType<typeof parseArguments>['values'];

/** The flags of `site set`, checked with the same schema as the admin panel's settings page. */
function siteEditOf(values: Values): SiteSetEdit {
  // A word list is given whole, comma-separated; "none" empties it.
  const words = (value: string | undefined) =>
    value === undefined ? undefined : value === 'none' ? [] : value.split(',');
  const number = (value: string | undefined) =>
    value !== undefined && /^\d{1,12}$/.test(value) ? Number(value) : value;
  const input = {
    name: values.name,
    defaultCountry: values['default-country'],
    complaintThreshold: number(values['complaint-threshold']),
    smsCountries: values['sms-countries']?.split(/[\s,]+/).filter((c) => c !== ''),
    smsDailyBudget: number(values['sms-daily-budget']),
    commentMaxLength: number(values['comment-max-length']),
    closeAfterDays: values['close-after-days'] === 'none' ? null : number(values['close-after-days']),
    preModeration: values['pre-moderation'],
    preModerationMinApproved: number(values['pre-moderation-min']),
    bannedWords: words(values['banned-words']),
    suspectWords: words(values['suspect-words']),
    webhookUrl: values.webhook === 'none' ? null : values.webhook,
    dislikes: values.dislikes === 'on' ? true : values.dislikes === 'off' ? false : values.dislikes,
  };
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const result = v.safeParse(siteSettingsPatchSchema, given);
  if (!result.success) {
    throw new CliError(
      result.issues
        .map((issue) => {
          const field = issue.path?.[0]?.key as keyof typeof settingFlags;
          const flag = settingFlags[field];
          const raw = values[flag];
          return `--${flag} "${raw ?? ''}" ${issue.message}${flag === 'webhook' ? ', or "none" to stop sending' : ''}`;
        })
        .join('\n'),
    );
  }
  const edit = {
    settings: result.output,
    addOrigins: (values['add-origin'] ?? []).map((o) => exactOrigin('--add-origin', o)),
    removeOrigins: (values['remove-origin'] ?? []).map((o) => exactOrigin('--remove-origin', o)),
    rotateWebhookSecret: values['rotate-webhook-secret'] === true,
  };
  if (
    Object.keys(edit.settings).length === 0 &&
    edit.addOrigins.length === 0 &&
    edit.removeOrigins.length === 0 &&
    !edit.rotateWebhookSecret
  )
    throw new CliError(`name at least one setting to change\n${usage}`);
  return edit;
}

function exactOrigin(flag: string, origin: string): string {
  const parsed = originOf(origin.replace(/\/+$/, ''));
  if (!parsed)
    throw new CliError(
      `${flag} "${origin}" must be an http(s) origin such as https://news.example.kz, without a path`,
    );
  return parsed;
}

async function siteAdd(deps: CliDeps, id: string, origins: string[], name?: string) {
  if (!v.is(siteIdSchema, id))
    throw new CliError(`site id "${id}" must be 1-63 lower-case letters, digits or dashes`);
  if (origins.length === 0)
    throw new CliError('name at least one --origin, e.g. --origin https://news.example.kz');
  const exact = origins.map((origin) => exactOrigin('--origin', origin));
  const created = await createSite(deps.db, { id, name: name ?? id, origins: [...new Set(exact)] }, deps.now);
  if (!created) throw new CliError(`site "${id}" already exists`);
  deps.out(`site "${id}" added with origins ${exact.join(', ')}`);
}

async function siteList(deps: CliDeps) {
  const sites = await listSites(deps.db);
  if (sites.length === 0) deps.out('no sites');
  for (const site of sites) deps.out(`${site.id}\t${site.name}\t${site.origins.join(' ')}`);
}

/** Everything about one site, the webhook's deliveries included; never the webhook secret. */
async function siteShow(deps: CliDeps, id: string) {
  const site = await getSite(deps.db, id);
  if (!site) throw new CliError(`no site "${id}"`);
  const { settings } = site;
  const team = await listTeam(deps.db, site.id);
  deps.out(`id: ${site.id}`);
  deps.out(`name: ${site.name}`);
  deps.out(`origins: ${site.origins.join(' ') || '(none: no browser is answered)'}`);
  deps.out(`defaultCountry: ${site.defaultCountry}`);
  deps.out(`complaintThreshold: ${settings.complaintThreshold}`);
  deps.out(`smsCountries: ${settings.smsCountries.join(',') || '(none: codes by email only)'}`);
  deps.out(`smsDailyBudget: ${settings.smsDailyBudget}`);
  deps.out(`commentMaxLength: ${settings.commentMaxLength}`);
  deps.out(`closeAfterDays: ${settings.closeAfterDays ?? 'none (threads stay open)'}`);
  deps.out(
    `preModeration: ${settings.preModeration}${settings.preModeration === 'few_approved' ? ` (fewer than ${settings.preModerationMinApproved} approved)` : ''}`,
  );
  deps.out(`bannedWords: ${settings.bannedWords.join(', ') || 'none'}`);
  deps.out(`suspectWords: ${settings.suspectWords.join(', ') || 'none'}`);
  deps.out(`webhook: ${settings.webhookUrl ?? 'none'}`);
  deps.out(`dislikes: ${settings.dislikes ? 'on' : 'off (likes only)'}`);
  const status = await webhookStatus(deps.db, site.id);
  deps.out(
    `webhook deliveries: ${status.pending} waiting (${status.failing} after a failed attempt), ${status.failed.length} given up`,
  );
  for (const failure of status.failed)
    deps.out(
      `  given up ${new Date(failure.failedAt).toISOString()}: ${failure.event} ${failure.id} after ${failure.attempts} attempts: ${failure.lastError ?? ''}`,
    );
  deps.out(`team: ${team.map((m) => `${m.contact} (${m.role})`).join(', ') || 'none'}`);
}

async function siteSet(deps: CliDeps, id: string, edit: SiteSetEdit) {
  const { webhookUrl, ...rest } = edit.settings;
  const changed = await updateSite(deps.db, id, (site) => {
    const origins = [...new Set([...site.origins, ...edit.addOrigins])].filter(
      (o) => !edit.removeOrigins.includes(o),
    );
    for (const origin of edit.removeOrigins)
      if (!site.origins.includes(origin)) throw new CliError(`site "${id}" has no origin ${origin}`);
    if (origins.length === 0)
      throw new CliError(
        `site "${id}" needs at least one origin: add another before removing ${site.origins[0]}`,
      );
    const url = webhookUrl === undefined ? site.settings.webhookUrl : webhookUrl;
    if (edit.rotateWebhookSecret && !url) throw new CliError(`site "${id}" has no webhook to sign for`);
    const { name, defaultCountry, ...settings } = rest;
    return {
      name,
      defaultCountry,
      origins,
      settings: webhookUrl === undefined ? settings : { ...settings, webhookUrl },
      newWebhookSalt: edit.rotateWebhookSecret || (url !== null && site.webhookSalt === null),
    };
  });
  if (!changed) throw new CliError(`no site "${id}"`);
  for (const line of describeChanges(changed.before, changed.after)) deps.out(`site "${id}": ${line}`);
  const { after, before } = changed;
  if (after.settings.webhookUrl === null) {
    if (webhookUrl === null) deps.out(`site "${id}" has no webhook`);
  } else if (after.webhookSalt !== before.webhookSalt && after.webhookSalt) {
    deps.out(
      `webhook secret (shown once; give it to the receiver, which checks each delivery's signature): ${webhookSecret(deps.secret, id, after.webhookSalt)}`,
    );
  }
}

/** One line per setting that changed: "complaintThreshold 3 -> 5". */
function describeChanges(before: Site, after: Site): string[] {
  return siteChanges(before, after).map((c) => `${c.setting} ${c.from || '(none)'} -> ${c.to || '(none)'}`);
}

async function siteRemove(deps: CliDeps, id: string) {
  if (!(await removeSite(deps.db, id))) throw new CliError(`no site "${id}"`);
  deps.out(`site "${id}" removed with its comments`);
}

/**
 * SQLite's online backup API copies the database page by page while the server goes on writing
 * (a write meanwhile restarts the copy), then the copy is checked. Never over an existing file:
 * a slip of the keyboard must not overwrite the live database.
 */
async function backup(deps: CliDeps, file: string) {
  if (deps.storage?.engine === 'postgres') {
    throw new CliError(
      'the database is PostgreSQL: back it up with pg_dump, e.g. pg_dump --format=custom --file=pikir.dump "$DATABASE_URL" (docs/operations.md)',
    );
  }
  if (!deps.storage?.backup) throw new CliError('this database cannot be backed up from here');
  if (existsSync(file)) throw new CliError(`"${file}" already exists; name a new file`);
  await deps.storage.backup(file);
  const copy = new SqliteDatabase(file, { readonly: true });
  let check: string;
  try {
    check = String(copy.pragma('quick_check', { simple: true }));
  } finally {
    copy.close();
  }
  if (check !== 'ok') throw new CliError(`the copy "${file}" failed PRAGMA quick_check: ${check}`);
  deps.out(`backed up to ${file} (${statSync(file).size} bytes, quick_check ok)`);
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
    const config = loadConfig(process.env);
    const storage = await openDatabase(config.databaseUrl, {
      timeouts: config.postgresTimeouts,
      preparedStatements: config.postgresPrepared,
    });
    try {
      const secret = await codeSecret(storage.db, config.secretKey, Date.now());
      await command({ db: storage.db, now: Date.now(), out, secret, storage, progress: process.stderr });
    } finally {
      await storage.close();
    }
    return 0;
  } catch (error) {
    const known =
      error instanceof CliError || error instanceof ConfigError || error instanceof StorageStartError;
    console.error(known ? (error as Error).message : error);
    return 1;
  }
}

if (runsAsScript()) process.exitCode = await main(process.argv.slice(2));
