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

  it('prints its usage for unknown commands', async () => {
    await expect(cli('site', 'remove', 'x')).rejects.toThrow(/usage:/);
    await expect(cli()).rejects.toThrow(/usage:/);
  });
});
