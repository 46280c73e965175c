import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError, runCli } from '../../server/cli.ts';
import { webhookSecret } from '../../server/delivery/webhook-signing.ts';
import { listSiteAdmins, listTeam } from '../../server/storage/admins.ts';
import type { Storage } from '../../server/storage/db.ts';
import { getSite, listSites } from '../../server/storage/sites.ts';
import { engines } from '../helpers/engines.ts';
import { seedComment, seedComplaint, seedUser } from '../helpers/seed.ts';

describe.each(engines)('command line on $engine', ({ open }) => {
  let storage: Storage;
  let out: string[];
  beforeEach(async () => {
    storage = await open();
    out = [];
  });
  afterEach(() => storage.close());

  const secret = randomBytes(32);
  const cli = (...args: string[]) =>
    runCli(args, { db: storage.db, now: 1, out: (line) => out.push(line), secret });

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
    expect(out).toEqual(['+77011234567\tadmin', 'Editor@news.kz\tadmin']);
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
    expect(out).toEqual([
      'site "news" added with origins https://a.kz',
      'site "news": webhook none -> https://hooks.example.kz/pikir?token=1',
      expect.stringMatching(/^webhook secret \(shown once; .*\): whsec_[A-Za-z0-9_-]{43}$/),
    ]);
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
    expect(out.at(-1)).toBe('site "news": smsDailyBudget 500 -> 120');
    for (const bad of ['many', '1.5', '', '1e3', '1000000000']) {
      await expect(cli('site', 'set', 'news', '--sms-daily-budget', bad)).rejects.toThrow(
        `--sms-daily-budget "${bad}" must be a whole number from 0 to 999999999, e.g. 500`,
      );
    }
    await expect(cli('site', 'set', 'nope', '--sms-daily-budget', '10')).rejects.toThrow(/no site "nope"/);
    expect((await listSites(storage.db))[0]!.settings.smsDailyBudget).toBe(120);
  });

  it('sets every setting at once, checked by the settings schema, and shows them', async () => {
    await cli('site', 'add', 'news', '--origin', 'https://a.kz', '--name', 'News');
    await cli('admin', 'add', 'news', 'ed@news.kz');
    out = [];
    await cli(
      'site',
      'set',
      'news',
      '--name',
      '  Новости  ',
      '--default-country',
      'uz',
      '--complaint-threshold',
      '5',
      '--sms-countries',
      'kz, UZ,kz',
      '--comment-max-length',
      '2000',
      '--close-after-days',
      '30',
      '--dislikes',
      'on',
      '--add-origin',
      'https://m.a.kz/',
    );
    expect(out).toEqual([
      'site "news": name News -> Новости',
      'site "news": origins https://a.kz -> https://a.kz https://m.a.kz',
      'site "news": defaultCountry KZ -> UZ',
      'site "news": complaintThreshold 3 -> 5',
      'site "news": smsCountries KZ -> KZ,UZ',
      'site "news": commentMaxLength 5000 -> 2000',
      'site "news": closeAfterDays never -> 30',
      'site "news": dislikes off -> on',
    ]);
    out = [];
    await cli('site', 'show', 'news');
    expect(out).toEqual([
      'id: news',
      'name: Новости',
      'origins: https://a.kz https://m.a.kz',
      'defaultCountry: UZ',
      'complaintThreshold: 5',
      'smsCountries: KZ,UZ',
      'smsDailyBudget: 500',
      'commentMaxLength: 2000',
      'closeAfterDays: 30',
      'webhook: none',
      'dislikes: on',
      'webhook deliveries: 0 waiting (0 after a failed attempt), 0 given up',
      'team: ed@news.kz (admin)',
    ]);
    await expect(cli('site', 'show', 'nope')).rejects.toThrow(/no site "nope"/);
  });

  it('refuses each bad setting with what it expects, changing nothing', async () => {
    await cli('site', 'add', 'news', '--origin', 'https://a.kz');
    const before = await listSites(storage.db);
    const cases: [string, string, RegExp][] = [
      ['--complaint-threshold', '0', /--complaint-threshold "0" must be a whole number from 1 to 100/],
      ['--complaint-threshold', 'three', /must be a whole number from 1 to 100/],
      ['--comment-max-length', '5001', /--comment-max-length "5001" must be a whole number from 1 to 5000/],
      [
        '--close-after-days',
        '0',
        /--close-after-days "0" must be a whole number of days from 1 to 3650, e.g. 30, or none/,
      ],
      ['--sms-countries', 'KZ,XX', /--sms-countries "KZ,XX" must be a two-letter country code such as KZ/],
      ['--default-country', 'Kazakhstan', /--default-country "Kazakhstan" must be a two-letter country code/],
      ['--name', '   ', /--name " {3}" must not be empty/],
      ['--name', 'a\u0007b', /must not contain control characters/],
      ['--webhook', 'https://user:pw@hooks.kz/', /must be an http\(s\) URL/],
      [
        '--add-origin',
        'https://a.kz/path',
        /--add-origin "https:\/\/a.kz\/path" must be an http\(s\) origin/,
      ],
    ];
    for (const [flag, value, message] of cases) {
      await expect(cli('site', 'set', 'news', flag, value), `${flag} ${value}`).rejects.toThrow(message);
    }
    await expect(cli('site', 'set', 'news', '--remove-origin', 'https://a.kz')).rejects.toThrow(
      /needs at least one origin/,
    );
    await expect(cli('site', 'set', 'news', '--remove-origin', 'https://b.kz')).rejects.toThrow(
      /has no origin https:\/\/b.kz/,
    );
    await expect(cli('site', 'set', 'news', '--rotate-webhook-secret')).rejects.toThrow(/no webhook/);
    expect(await listSites(storage.db)).toEqual(before);
  });

  it('adds and removes origins', async () => {
    await cli('site', 'add', 'news', '--origin', 'https://a.kz');
    await cli('site', 'set', 'news', '--add-origin', 'https://b.kz', '--add-origin', 'https://c.kz');
    await cli('site', 'set', 'news', '--remove-origin', 'https://a.kz', '--add-origin', 'https://b.kz');
    expect((await getSite(storage.db, 'news'))!.origins).toEqual(['https://b.kz', 'https://c.kz']);
  });

  it('prints the webhook secret once, keeps it on a new URL and rotates it when asked', async () => {
    await cli('site', 'add', 'news', '--origin', 'https://a.kz');
    const secretOf = () => out.find((l) => l.startsWith('webhook secret'))?.split(': ')[1];
    out = [];
    await cli('site', 'set', 'news', '--webhook', 'https://hooks.kz/1');
    const first = secretOf()!;
    const site = (await getSite(storage.db, 'news'))!;
    expect(first).toBe(webhookSecret(secret, 'news', site.webhookSalt!));
    // Nothing secret in the database: the secret is derived from the server key.
    const row = await storage.db.selectFrom('sites').selectAll().where('id', '=', 'news').executeTakeFirst();
    expect(JSON.stringify(row)).not.toContain(first.slice(6));
    out = [];
    await cli('site', 'set', 'news', '--webhook', 'https://hooks.kz/2');
    expect(secretOf()).toBeUndefined();
    out = [];
    await cli('site', 'show', 'news');
    expect(out.join('\n')).not.toContain('whsec_');
    await cli('site', 'set', 'news', '--rotate-webhook-secret');
    const rotated = secretOf()!;
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(first);
  });

  it('removes a site with everything on it, only when told --yes', async () => {
    await cli('site', 'add', 'news', '--origin', 'https://a.kz');
    await cli('site', 'add', 'other', '--origin', 'https://b.kz');
    await cli('admin', 'add', 'news', 'ed@news.kz');
    const author = await seedUser(storage.db, 'Author');
    const top = await seedComment(storage.db, { siteId: 'news', pageKey: 'a', authorId: author, at: 1 });
    await seedComment(storage.db, { siteId: 'news', pageKey: 'a', authorId: author, parentId: top, at: 2 });
    await seedComplaint(storage.db, { commentId: top, reporterId: author, reason: 'spam', at: 3 });
    await expect(cli('site', 'remove', 'news')).rejects.toThrow(/--yes/);
    await cli('site', 'remove', 'news', '--yes');
    expect(out.at(-1)).toBe('site "news" removed with its comments');
    expect((await listSites(storage.db)).map((s) => s.id)).toEqual(['other']);
    for (const table of ['comments', 'pages', 'site_admins', 'complaints'] as const) {
      const rows = await storage.db.selectFrom(table).selectAll().execute();
      expect(rows, table).toEqual([]);
    }
    await expect(cli('site', 'remove', 'news', '--yes')).rejects.toThrow(/no site "news"/);
  });

  it('removes an admin, whatever the case or format they are typed in', async () => {
    await cli('site', 'add', 'news', '--origin', 'https://a.kz');
    await cli('admin', 'add', 'news', 'Editor@News.kz');
    await cli('admin', 'add', 'news', '+7 701 123 45 67');
    await cli('admin', 'remove', 'news', 'editor@news.kz');
    await cli('admin', 'remove', 'news', '87011234567');
    expect(await listSiteAdmins(storage.db, 'news')).toEqual([]);
    await expect(cli('admin', 'remove', 'news', 'ed@news.kz')).rejects.toThrow(/is not an admin of "news"/);
    await expect(cli('admin', 'remove', 'nope', 'ed@news.kz')).rejects.toThrow(/no site "nope"/);
  });

  it('manages a site’s team with roles: --site and --role, a role change, the last admin kept', async () => {
    await cli('site', 'add', 'news', '--origin', 'https://a.kz');
    await cli('admin', 'add', 'Chief@News.kz', '--site', 'news');
    await cli('admin', 'add', '8 701 123 45 67', '--site', 'news', '--role', 'moderator');
    out = [];
    await cli('admin', 'list', '--site', 'news');
    expect(out).toEqual(['+77011234567\tmoderator', 'Chief@news.kz\tadmin']);

    // Adding again keeps the role and says how to change it.
    out = [];
    await cli('admin', 'add', '+77011234567', '--site', 'news', '--role', 'admin');
    expect(out).toEqual([
      '+77011234567 is a moderator of "news"',
      '(already on the team; "admin role" changes the role)',
    ]);
    await cli('admin', 'role', '+77011234567', '--site', 'news', '--role', 'admin');
    await cli('admin', 'role', 'chief@news.kz', '--site', 'news', '--role', 'moderator');
    expect((await listTeam(storage.db, 'news')).map((m) => [m.contact, m.role])).toEqual([
      ['+77011234567', 'admin'],
      ['Chief@news.kz', 'moderator'],
    ]);
    await expect(
      cli('admin', 'role', '+77011234567', '--site', 'news', '--role', 'moderator'),
    ).rejects.toThrow(/is the last admin of "news"/);
    await expect(cli('admin', 'role', 'x@news.kz', '--site', 'news', '--role', 'admin')).rejects.toThrow(
      /not on the team/,
    );
    await expect(cli('admin', 'add', 'x@news.kz', '--site', 'news', '--role', 'owner')).rejects.toThrow(
      /--role: must be moderator or admin/,
    );
    await expect(cli('admin', 'role', 'x@news.kz', '--site', 'news')).rejects.toThrow(/usage/);
    await expect(cli('admin', 'list', '--site', 'nope')).rejects.toThrow(/no site "nope"/);
    await cli('admin', 'remove', 'chief@news.kz', '--site', 'news');
    expect((await listTeam(storage.db, 'news')).map((m) => m.contact)).toEqual(['+77011234567']);
  });

  it('prints its usage for unknown commands', async () => {
    await expect(cli('site', 'delete', 'x')).rejects.toThrow(/usage:/);
    await expect(cli('site', 'set', 'x')).rejects.toThrow(/name at least one setting[\s\S]*usage:/);
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
