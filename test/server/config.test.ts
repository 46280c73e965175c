import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

/** What production needs on top of the defaults: real transports and a secret kept outside the database. */
const production = {
  NODE_ENV: 'production',
  SMS_PROVIDER: 'webhook',
  SMS_WEBHOOK_URL: 'https://sms.internal.example.kz/send',
  SMTP_URL: 'smtp://pikir:secret@mail.example.kz:587',
  MAIL_FROM: 'Pikir <no-reply@example.kz>',
  SECRET_KEY: 'k'.repeat(32),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('configuration', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:8787',
      databaseUrl: './data/pikir.db',
      production: false,
      sms: { provider: 'log' },
      smtp: null,
      secretKey: null,
      trustProxy: 0,
      admins: [],
      smsLimits: { serverDailyBudget: 2000, budgetTimeZone: 'Asia/Almaty', rangeDigits: 8 },
      logLevel: 'info',
      postgresTimeouts: { connectMs: 5000, statementMs: 10000, idleInTransactionMs: 30000 },
      postgresPrepared: true,
    });
  });

  it('takes a log level and refuses an unknown one', () => {
    expect(loadConfig({ LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
  });

  it('prepares statements on PostgreSQL unless PG_PREPARED_STATEMENTS is off', () => {
    expect(loadConfig({}).postgresPrepared).toBe(true);
    expect(loadConfig({ PG_PREPARED_STATEMENTS: 'on' }).postgresPrepared).toBe(true);
    expect(loadConfig({ PG_PREPARED_STATEMENTS: 'off' }).postgresPrepared).toBe(false);
    expect(() => loadConfig({ PG_PREPARED_STATEMENTS: 'no' })).toThrow(
      /PG_PREPARED_STATEMENTS must be on or off/,
    );
  });

  it('reads the PostgreSQL timeouts in milliseconds', () => {
    const config = loadConfig({
      PG_CONNECT_TIMEOUT_MS: '2000',
      PG_STATEMENT_TIMEOUT_MS: '30000',
      PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: '60000',
    });
    expect(config.postgresTimeouts).toEqual({
      connectMs: 2000,
      statementMs: 30000,
      idleInTransactionMs: 60000,
    });
    const problems = problemsOf({ PG_CONNECT_TIMEOUT_MS: '5s', PG_STATEMENT_TIMEOUT_MS: '0' });
    expect(problems).toEqual([
      'PG_CONNECT_TIMEOUT_MS must be a whole number of milliseconds from 100 to 3600000, e.g. 5000 (got "5s").',
      'PG_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds from 100 to 3600000, e.g. 10000 (got "0").',
    ]);
  });

  it('derives PUBLIC_URL from PORT and accepts PostgreSQL', () => {
    const config = loadConfig({ PORT: '9000', DATABASE_URL: 'postgres://u@h/db', ...production });
    expect(config).toMatchObject({ port: 9000, publicUrl: 'http://localhost:9000', production: true });
  });

  it('keeps only the origin of PUBLIC_URL and drops a trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://Comments.Example.kz/' }).publicUrl).toBe(
      'https://comments.example.kz',
    );
  });

  it('reports every bad value at once, saying what it expected', () => {
    const problems = problemsOf({ PORT: '80a', PUBLIC_URL: 'ftp://x', DATABASE_URL: 'mysql://x', HOST: ' ' });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT must be a whole number from 1 to 65535 \(got "80a"\)/);
    expect(problems.join('\n')).toMatch(/PUBLIC_URL must be an http\(s\) origin/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL must be a file path/);
    expect(problems.join('\n')).toMatch(/HOST must not be empty/);
  });

  it('refuses a port out of range and a PUBLIC_URL with a path', () => {
    expect(problemsOf({ PORT: '70000' })).toHaveLength(1);
    expect(problemsOf({ PUBLIC_URL: 'https://a.kz/comments' })).toHaveLength(1);
  });

  it('reads the SMS gateway, SMTP, secret, proxies and admins', () => {
    const config = loadConfig({
      SMS_PROVIDER: 'smsc',
      SMSC_LOGIN: 'news',
      SMSC_PASSWORD: 'pw',
      SMSC_SENDER: 'NEWS',
      SMTP_URL: 'smtps://u:p@mail.example.kz:465',
      MAIL_FROM: 'no-reply@example.kz',
      SECRET_KEY: 's'.repeat(40),
      TRUST_PROXY: '1',
      ADMINS: ' Editor@Example.KZ , 8 701 123 45 67,,editor@example.kz',
    });
    expect(config).toMatchObject({
      sms: { provider: 'smsc', login: 'news', password: 'pw', sender: 'NEWS', baseUrl: 'https://smsc.kz' },
      smtp: { url: 'smtps://u:p@mail.example.kz:465', from: 'no-reply@example.kz' },
      secretKey: 's'.repeat(40),
      trustProxy: 1,
      admins: ['Editor@example.kz', '+77011234567', 'editor@example.kz'],
    });
    expect(loadConfig({ SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms' }).sms).toEqual({
      provider: 'webhook',
      url: 'http://127.0.0.1:9/sms',
    });
  });

  it('refuses transports that cannot work, saying what to set', () => {
    expect(problemsOf({ SMS_PROVIDER: 'webhook' }).join('\n')).toMatch(
      /SMS_PROVIDER=webhook needs SMS_WEBHOOK_URL/,
    );
    expect(problemsOf({ SMS_PROVIDER: 'smsc' }).join('\n')).toMatch(/needs SMSC_LOGIN and SMSC_PASSWORD/);
    expect(problemsOf({ SMS_PROVIDER: 'carrier-pigeon' }).join('\n')).toMatch(/must be log, webhook or smsc/);
    expect(problemsOf({ SMTP_URL: 'http://mail' }).join('\n')).toMatch(/SMTP_URL must be smtp:/);
    expect(problemsOf({ SMTP_URL: 'smtp://mail.example.kz' }).join('\n')).toMatch(
      /MAIL_FROM must be an address/,
    );
    expect(problemsOf({ MAIL_FROM: 'a@b.kz' }).join('\n')).toMatch(/set both, or neither/);
    expect(problemsOf({ SECRET_KEY: 'short' }).join('\n')).toMatch(/at least 32 characters/);
    expect(problemsOf({ TRUST_PROXY: 'yes' }).join('\n')).toMatch(
      /TRUST_PROXY must be the number of proxies/,
    );
    expect(problemsOf({ ADMINS: 'editor@example.kz,not-a-contact' })).toEqual([
      'ADMINS: "not-a-contact" is neither a valid email nor a valid phone number.',
    ]);
  });

  it('in production, refuses the log transports and a missing SECRET_KEY', () => {
    const problems = problemsOf({ NODE_ENV: 'production' }).join('\n');
    expect(problems).toMatch(/SMS_PROVIDER=log prints codes/);
    expect(problems).toMatch(/SMTP_URL is required in production/);
    expect(problems).toMatch(/SECRET_KEY is required in production/);
    expect(problemsOf(production)).toEqual([]);
  });
});
