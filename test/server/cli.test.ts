import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError, runCli } from '../../server/cli.ts';
import type { Storage } from '../../server/storage/db.ts';
import { listSites } from '../../server/storage/sites.ts';
import { engines } from '../helpers/engines.ts';

describe.each(engines)('command line on $engine', ({ open }) => {
  let storage: Storage;
  let out: string[];
  beforeEach(async () => {
    storage = await open();
    out = [];
  });
  afterEach(() => storage.close());

  const cli = (...args: string[]) => runCli(args, { db: storage.db, now: 1, out: (line) => out.push(line) });

  it('adds a site with its exact origins and lists it', async () => {
    await cli(
      'site',
      'add',
      'news',
      '--origin',
      'https://News.example.kz/',
      '--origin',
      'https://m.news.example.kz',
      '--name',
      'Новости',
    );
    await cli('site', 'list');
    expect(out).toEqual([
      'site "news" added with origins https://news.example.kz, https://m.news.example.kz',
      'news\tНовости\thttps://news.example.kz https://m.news.example.kz',
    ]);
  });

  it('refuses bad site ids, missing or bad origins, and duplicates, storing nothing', async () => {
    await expect(cli('site', 'add', 'News!', '--origin', 'https://a.kz')).rejects.toThrow(/lower-case/);
    await expect(cli('site', 'add', 'news')).rejects.toThrow(/--origin/);
    await expect(cli('site', 'add', 'news', '--origin', 'https://a.kz/path')).rejects.toThrow(
      /without a path/,
    );
    await expect(cli('site', 'add', 'news', '--origin', 'javascript:alert(1)')).rejects.toThrow(CliError);
    expect(await listSites(storage.db)).toEqual([]);
    await cli('site', 'add', 'news', '--origin', 'https://a.kz');
    await expect(cli('site', 'add', 'news', '--origin', 'https://b.kz')).rejects.toThrow(/already exists/);
    expect((await listSites(storage.db))[0]!.origins).toEqual(['https://a.kz']);
  });

  it('adds admins by email or phone in their normal form', async () => {
    await cli('site', 'add', 'news', '--origin', 'https://a.kz');
    await cli('admin', 'add', 'news', 'Editor@News.KZ');
    await cli('admin', 'add', 'news', '8 701 123 45 67');
    out = [];
    await cli('admin', 'list', 'news');
    expect(out).toEqual(['+77011234567', 'Editor@news.kz']);
  });

  it('refuses admins of unknown sites and contacts that are neither email nor phone', async () => {
    await expect(cli('admin', 'add', 'nope', 'a@b.kz')).rejects.toThrow(/no site "nope"/);
    await cli('site', 'add', 'news', '--origin', 'https://a.kz');
    await expect(cli('admin', 'add', 'news', 'bob')).rejects.toThrow(
      /neither a valid email nor a valid phone/,
    );
    await expect(cli('admin', 'list', 'nope')).rejects.toThrow(/no site/);
  });

  it('sets and clears a site’s webhook, refusing anything but http(s) URLs', async () => {
    await cli('site', 'add', 'news', '--origin', 'https://a.kz');
    await cli('site', 'set', 'news', '--webhook', 'https://hooks.example.kz/pikir?token=1');
    let site = (await listSites(storage.db))[0]!;
    expect(site.settings.webhookUrl).toBe('https://hooks.example.kz/pikir?token=1');
    expect(site.settings.complaintThreshold).toBe(3);
    for (const bad of ['javascript:alert(1)', 'hooks.example.kz', 'ftp://x.kz/']) {
      await expect(cli('site', 'set', 'news', '--webhook', bad)).rejects.toThrow(/http\(s\) URL/);
    }
    await expect(cli('site', 'set', 'nope', '--webhook', 'https://x.kz/')).rejects.toThrow(/no site "nope"/);
    await cli('site', 'set', 'news', '--webhook', 'none');
    site = (await listSites(storage.db))[0]!;
    expect(site.settings.webhookUrl).toBeNull();
    expect(out.at(-1)).toBe('site "news" has no webhook');
  });

  it('sets a site’s daily SMS budget, refusing what is not a number of messages', async () => {
    await cli('site', 'add', 'news', '--origin', 'https://a.kz');
    await cli('site', 'set', 'news', '--sms-daily-budget', '120');
    expect((await listSites(storage.db))[0]!.settings.smsDailyBudget).toBe(120);
    expect(out.at(-1)).toBe('site "news" may send 120 SMS a day');
    for (const bad of ['many', '1.5', '', '1e3']) {
      await expect(cli('site', 'set', 'news', '--sms-daily-budget', bad)).rejects.toThrow(/whole number/);
    }
    await expect(cli('site', 'set', 'nope', '--sms-daily-budget', '10')).rejects.toThrow(/no site "nope"/);
    expect((await listSites(storage.db))[0]!.settings.smsDailyBudget).toBe(120);
  });

  it('prints its usage for unknown commands', async () => {
    await expect(cli('site', 'remove', 'x')).rejects.toThrow(/usage:/);
    await expect(cli()).rejects.toThrow(/usage:/);
  });

  it('prints its usage when asked for help, and changes nothing', async () => {
    for (const args of [['help'], ['--help'], ['-h'], ['site', 'add', 'news', '--help']]) {
      out = [];
      await cli(...args);
      expect(out, args.join(' ')).toEqual([expect.stringMatching(/^usage:\n {2}site add ID --origin URL/)]);
    }
    expect(await listSites(storage.db)).toEqual([]);
  });

  it('refuses unknown options and options without a value with the usage', async () => {
    await expect(cli('site', 'list', '--force')).rejects.toThrow(/Unknown option '--force'[\s\S]*usage:/);
    await expect(cli('site', 'add', 'news', '--origin')).rejects.toThrow(/'--origin <value>'[\s\S]*usage:/);
    expect(await listSites(storage.db)).toEqual([]);
  });
});

// Each run starts node and tsx: seconds on a busy machine.
describe('the command line as a program', { timeout: 30_000 }, () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pikir-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the CLI as `npm run cli -- …args` does, with only the environment given. */
  async function run(args: string[], env: Record<string, string> = {}) {
    const child = promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: join(dir, 'pikir.db'), ...env },
    });
    try {
      const { stdout, stderr } = await child;
      return { code: 0, stdout, stderr };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr };
    }
  }

  it('prints the usage: on stdout with exit 0 for help, on stderr with exit 1 for no command', async () => {
    // `help` and unknown commands take the same path as in the tests above.
    const [help, bare] = await Promise.all([run(['--help']), run([])]);
    expect({ code: help.code, stderr: help.stderr }).toEqual({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^usage:\n {2}site add ID/);
    expect({ code: bare.code, stdout: bare.stdout }).toEqual({ code: 1, stdout: '' });
    expect(bare.stderr).toMatch(/^usage:\n {2}site add ID/);
    expect(existsSync(join(dir, 'pikir.db'))).toBe(false);
  });

  it("reads the server's configuration, refusing what the server refuses", async () => {
    const [refused, listed] = await Promise.all([
      run(['site', 'list'], { DATABASE_URL: 'mysql://db.example.kz/pikir' }),
      run(['site', 'list']),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^invalid configuration:\n {2}- DATABASE_URL must be a file path/);
    expect(listed).toEqual({ code: 0, stdout: 'no sites\n', stderr: '' });
    expect(existsSync(join(dir, 'pikir.db'))).toBe(true);
  });
});
