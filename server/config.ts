/**
 * Configuration from environment variables (the table in the README). Every bad value is reported
 * at once, with what was expected, and the server does not start.
 */
import { parseContact } from '../shared/contact.ts';

export interface Config {
  port: number;
  host: string;
  /** Origin only, no trailing slash. */
  publicUrl: string;
  /** A file path (SQLite) or a postgres:// URL. */
  databaseUrl: string;
  production: boolean;
  /** Normalised emails and E.164 phones that moderate every site. */
  admins: string[];
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
}

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
  const admins = readAdmins(env.ADMINS ?? '', problems);
  const trustProxy = readFlag('TRUST_PROXY', env.TRUST_PROXY, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    publicUrl,
    databaseUrl,
    production: env.NODE_ENV === 'production',
    admins,
    trustProxy,
  };
}

/** Phones without "+" are read as Kazakh numbers, the first customer's country. */
function readAdmins(value: string, problems: string[]): string[] {
  const admins: string[] = [];
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const contact = parseContact(entry, 'KZ');
    if (contact) admins.push(contact.value);
    else
      problems.push(`ADMINS must list emails or phone numbers separated by commas; "${entry}" is neither.`);
  }
  return admins;
}

function readFlag(name: string, value: string | undefined, problems: string[]): boolean {
  if (value === undefined || value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  problems.push(`${name} must be 1 or 0 (got "${value}").`);
  return false;
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
