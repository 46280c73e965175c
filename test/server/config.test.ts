import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

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
      admins: [],
      trustProxy: false,
    });
  });

  it('derives PUBLIC_URL from PORT and accepts PostgreSQL', () => {
    const config = loadConfig({ PORT: '9000', DATABASE_URL: 'postgres://u@h/db', NODE_ENV: 'production' });
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

  it('reads ADMINS as normalised contacts and refuses anything else', () => {
    expect(loadConfig({ ADMINS: 'Chief@News.KZ, 8 701 123 45 67' }).admins).toEqual([
      'Chief@news.kz',
      '+77011234567',
    ]);
    expect(problemsOf({ ADMINS: 'chief@news.kz,boss' })).toEqual([
      'ADMINS must list emails or phone numbers separated by commas; "boss" is neither.',
    ]);
    expect(problemsOf({ TRUST_PROXY: 'yes' })).toHaveLength(1);
  });

  it('refuses a port out of range and a PUBLIC_URL with a path', () => {
    expect(problemsOf({ PORT: '70000' })).toHaveLength(1);
    expect(problemsOf({ PUBLIC_URL: 'https://a.kz/comments' })).toHaveLength(1);
  });
});
