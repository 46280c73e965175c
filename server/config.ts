/**
 * Configuration from environment variables (the table in the README). Every bad value is reported
 * at once, with what was expected, and the server does not start.
 */
import { parseContact } from '../shared/contact.ts';
import { logLevels } from './logger.ts';
import { defaultPostgresTimeouts, type PostgresTimeouts } from './storage/db.ts';

export type SmsConfig =
  | { provider: 'log' }
  | { provider: 'webhook'; url: string }
  | { provider: 'smsc'; login: string; password: string; sender: string | null; baseUrl: string };

export interface Config {
  port: number;
  host: string;
  /** Origin only, no trailing slash. */
  publicUrl: string;
  /** A file path (SQLite) or a postgres:// URL. */
  databaseUrl: string;
  production: boolean;
  /** SMS_PROVIDER and its settings; `log` prints codes, so production refuses it. */
  sms: SmsConfig;
  /** SMTP_URL and MAIL_FROM; null: the log transport (development only). */
  smtp: { url: string; from: string } | null;
  /** SECRET_KEY: the key one-time codes are HMAC'd with; required in production. */
  secretKey: string | null;
  /** TRUST_PROXY: how many reverse proxies in front add to X-Forwarded-For (0: use the socket). */
  trustProxy: number;
  /** ADMINS: normalised emails and E.164 phones that administer every site. */
  admins: string[];
  /** What SMS may cost and how numbers are grouped (docs/accounts.md). */
  smsLimits: SmsLimits;
  /** LOG_LEVEL: debug, info (default: a line per request), warn, error or silent. */
  logLevel: (typeof logLevels)[number];
  /** PG_CONNECT_TIMEOUT_MS, PG_STATEMENT_TIMEOUT_MS, PG_IDLE_IN_TRANSACTION_TIMEOUT_MS. */
  postgresTimeouts: PostgresTimeouts;
  /** PG_PREPARED_STATEMENTS: on by default; off for a pooler in front that cannot carry named statements. */
  postgresPrepared: boolean;
}

export interface SmsLimits {
  /** SMS_DAILY_BUDGET: messages a day for all sites together (one SMS account pays for them). */
  serverDailyBudget: number;
  /** SMS_BUDGET_TIMEZONE: whose midnight starts the budgets' day (an IANA time zone). */
  budgetTimeZone: string;
  /** SMS_RANGE_DIGITS: how many leading digits of an E.164 number make its number range. */
  rangeDigits: number;
}

export const defaultSmsLimits: SmsLimits = {
  serverDailyBudget: 2000,
  budgetTimeZone: 'Asia/Almaty',
  rangeDigits: 8,
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const port = readPort(env.PORT, problems);
  const host = env.HOST ?? '127.0.0.1';
  if (host.trim() === '') problems.push('HOST must not be empty (e.g. 127.0.0.1 or 0.0.0.0).');
  const publicUrl = readPublicUrl(env.PUBLIC_URL ?? `http://localhost:${port}`, problems);
  const databaseUrl = readDatabaseUrl(env.DATABASE_URL ?? './data/pikir.db', problems);
  const production = env.NODE_ENV === 'production';
  const sms = readSms(env, production, problems);
  const smtp = readSmtp(env, production, problems);
  const secretKey = readSecretKey(env.SECRET_KEY, production, problems);
  const trustProxy = readTrustProxy(env.TRUST_PROXY, problems);
  const admins = readAdmins(env.ADMINS, problems);
  const smsLimits = readSmsLimits(env, problems);
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!logLevels.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${logLevels.join(', ')} (got "${env.LOG_LEVEL}").`);
  }
  const postgresTimeouts = readPostgresTimeouts(env, problems);
  const prepared = env.PG_PREPARED_STATEMENTS || 'on';
  if (prepared !== 'on' && prepared !== 'off') {
    problems.push(`PG_PREPARED_STATEMENTS must be on or off (got "${prepared}").`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    publicUrl,
    databaseUrl,
    production,
    sms,
    smtp,
    secretKey,
    trustProxy,
    admins,
    smsLimits,
    logLevel,
    postgresTimeouts,
    postgresPrepared: prepared !== 'off',
  };
}

function readPostgresTimeouts(env: Env, problems: string[]): PostgresTimeouts {
  const read = (name: string, fallback: number, min: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    if (/^\d{1,7}$/.test(value) && Number(value) >= min && Number(value) <= 3_600_000) return Number(value);
    problems.push(
      `${name} must be a whole number of milliseconds from ${min} to 3600000, e.g. ${fallback} (got "${value}").`,
    );
    return fallback;
  };
  return {
    connectMs: read('PG_CONNECT_TIMEOUT_MS', defaultPostgresTimeouts.connectMs, 100),
    statementMs: read('PG_STATEMENT_TIMEOUT_MS', defaultPostgresTimeouts.statementMs, 100),
    idleInTransactionMs: read(
      'PG_IDLE_IN_TRANSACTION_TIMEOUT_MS',
      defaultPostgresTimeouts.idleInTransactionMs,
      100,
    ),
  };
}

function readSmsLimits(env: Env, problems: string[]): SmsLimits {
  const limits = { ...defaultSmsLimits };
  const budget = env.SMS_DAILY_BUDGET;
  if (budget !== undefined && budget !== '') {
    if (/^\d{1,9}$/.test(budget)) limits.serverDailyBudget = Number(budget);
    else
      problems.push(
        `SMS_DAILY_BUDGET must be a whole number of messages a day, e.g. 2000 (got "${budget}").`,
      );
  }
  const zone = env.SMS_BUDGET_TIMEZONE;
  if (zone !== undefined && zone !== '') {
    if (isTimeZone(zone)) limits.budgetTimeZone = zone;
    else
      problems.push(
        `SMS_BUDGET_TIMEZONE must be an IANA time zone such as Asia/Almaty or UTC (got "${zone}").`,
      );
  }
  const digits = env.SMS_RANGE_DIGITS;
  if (digits !== undefined && digits !== '') {
    if (/^\d{1,2}$/.test(digits) && Number(digits) >= 4 && Number(digits) <= 14)
      limits.rangeDigits = Number(digits);
    else problems.push(`SMS_RANGE_DIGITS must be a number of digits from 4 to 14, e.g. 8 (got "${digits}").`);
  }
  return limits;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function readSms(env: Env, production: boolean, problems: string[]): SmsConfig {
  const provider = env.SMS_PROVIDER ?? 'log';
  if (provider === 'log') {
    if (production) {
      problems.push(
        'SMS_PROVIDER=log prints codes to the log and is for development only; in production set SMS_PROVIDER to webhook or smsc.',
      );
    }
    return { provider: 'log' };
  }
  if (provider === 'webhook') {
    const url = env.SMS_WEBHOOK_URL ?? '';
    if (!isHttpUrl(url)) {
      problems.push(`SMS_PROVIDER=webhook needs SMS_WEBHOOK_URL, an http(s) URL (got "${url}").`);
    }
    return { provider: 'webhook', url };
  }
  if (provider === 'smsc') {
    const login = env.SMSC_LOGIN ?? '';
    const password = env.SMSC_PASSWORD ?? '';
    const baseUrl = (env.SMSC_URL ?? 'https://smsc.kz').replace(/\/+$/, '');
    if (!login || !password) problems.push('SMS_PROVIDER=smsc needs SMSC_LOGIN and SMSC_PASSWORD.');
    if (!isHttpUrl(baseUrl)) problems.push(`SMSC_URL must be an http(s) URL (got "${baseUrl}").`);
    return { provider: 'smsc', login, password, sender: env.SMSC_SENDER || null, baseUrl };
  }
  problems.push(`SMS_PROVIDER must be log, webhook or smsc (got "${provider}").`);
  return { provider: 'log' };
}

function readSmtp(env: Env, production: boolean, problems: string[]): Config['smtp'] {
  const url = env.SMTP_URL;
  if (url === undefined || url === '') {
    if (production) {
      problems.push('SMTP_URL is required in production (e.g. smtp://user:pass@mail.example.kz:587).');
    }
    if (env.MAIL_FROM) problems.push('MAIL_FROM is set but SMTP_URL is not: set both, or neither.');
    return null;
  }
  if (!/^smtps?:\/\/[^/]/i.test(url)) {
    problems.push('SMTP_URL must be smtp://… or smtps://… (e.g. smtp://user:pass@mail.example.kz:587).');
  }
  const from = env.MAIL_FROM ?? '';
  if (!/^(?:[^<>@]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/.test(from.trim())) {
    problems.push(
      `MAIL_FROM must be an address such as "Pikir <no-reply@example.kz>" when SMTP_URL is set (got "${from}").`,
    );
  }
  return { url, from: from.trim() };
}

function readSecretKey(value: string | undefined, production: boolean, problems: string[]): string | null {
  if (value === undefined || value === '') {
    if (production) {
      problems.push(
        'SECRET_KEY is required in production: at least 32 random characters, e.g. from `openssl rand -base64 32`.',
      );
    }
    return null;
  }
  if (value.length < 32) problems.push('SECRET_KEY must be at least 32 characters long.');
  return value;
}

function readTrustProxy(value: string | undefined, problems: string[]): number {
  if (value === undefined || value === '') return 0;
  if (!/^\d{1,2}$/.test(value)) {
    problems.push(
      `TRUST_PROXY must be the number of proxies in front of the server, e.g. 1 (got "${value}").`,
    );
    return 0;
  }
  return Number(value);
}

function readAdmins(value: string | undefined, problems: string[]): string[] {
  const admins: string[] = [];
  for (const entry of (value ?? '').split(',')) {
    if (entry.trim() === '') continue;
    // Phones without "+" are read as Kazakh numbers, like the CLI does for the default site.
    const contact = parseContact(entry, 'KZ');
    if (contact) admins.push(contact.value);
    else problems.push(`ADMINS: "${entry.trim()}" is neither a valid email nor a valid phone number.`);
  }
  return [...new Set(admins)];
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function readPort(value: string | undefined, problems: string[]): number {
  if (value === undefined) return 8787;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    problems.push(`PORT must be a whole number from 1 to 65535 (got "${value}").`);
    return 8787;
  }
  return port;
}

function readPublicUrl(value: string, problems: string[]): string {
  const origin = originOf(value.replace(/\/+$/, ''));
  if (!origin) {
    problems.push(
      `PUBLIC_URL must be an http(s) origin such as https://comments.example.kz, without a path (got "${value}").`,
    );
    return value;
  }
  return origin;
}

function readDatabaseUrl(value: string, problems: string[]): string {
  if (value.trim() === '') {
    problems.push('DATABASE_URL must be a file path (SQLite) or postgres://… (PostgreSQL); it is empty.');
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^postgres(ql)?:\/\//i.test(value)) {
    problems.push(`DATABASE_URL must be a file path (SQLite) or postgres://… (PostgreSQL) (got "${value}").`);
  }
  return value;
}

/** The exact origin of an http(s) URL that has no path, query or credentials; null otherwise. */
export function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) return null;
    return url.origin;
  } catch {
    return null;
  }
}
