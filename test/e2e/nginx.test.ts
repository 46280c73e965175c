/**
 * Pikir behind a real reverse proxy: Debian's nginx, run here as our own process with the
 * config of docs/nginx/pikir.conf (only its ports, certificate and upstream swapped for the
 * test's), TLS with a self-signed certificate made by openssl for this run, and Pikir with
 * TRUST_PROXY=1. Real Chromium checks the widget and the admin panel's Secure cookie through
 * it; plain HTTPS requests check that limits key on the client's address, not on a client-sent
 * X-Forwarded-For. Without /usr/sbin/nginx the test skips with one loud line (CI installs it).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/passwords.ts';
import { COMMENTS_PER_HOUR_PER_IP } from '../../server/auth/posting-limits.ts';
import { createSession } from '../../server/auth/sessions.ts';
import { socketClientIp } from '../../server/http/client-ip.ts';
import { randomId } from '../../server/ids.ts';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import { createSite } from '../../server/storage/sites.ts';
import { insertUser } from '../../server/storage/users.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { seedComment, seedUser } from '../helpers/seed.ts';
import { type HostSite, type RunningPikir, startHostSite, startPikir } from '../helpers/servers.ts';

const NGINX = '/usr/sbin/nginx';
const hasNginx = existsSync(NGINX);
const root = fileURLToPath(new URL('../..', import.meta.url));
const TEMPLATE = join(root, 'docs/nginx/pikir.conf');

if (!hasNginx) {
  if (process.env.CI) throw new Error(`${NGINX} is missing in CI: .ci/run must install nginx`);
  console.warn(`SKIPPING the nginx test: ${NGINX} is missing (apt-get install -y nginx; CI installs it).`);
}

const SITE = 'news';
const ADMIN = { email: 'editor@news.kz', password: 'Editor2026abc' };

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The documented config with this run's ports, certificate and upstream; each swap must apply. */
export function testSiteConfig(v: {
  https: number;
  http: number;
  upstream: string;
  cert: string;
  key: string;
}) {
  let text = readFileSync(TEMPLATE, 'utf8');
  const swaps: [string, string][] = [
    ['server 127.0.0.1:8787;', `server ${v.upstream};`],
    ['listen 443 ssl http2;', `listen 127.0.0.1:${v.https} ssl http2;`],
    ['listen 80;', `listen 127.0.0.1:${v.http};`],
    ['/etc/letsencrypt/live/comments.example.kz/fullchain.pem', v.cert],
    ['/etc/letsencrypt/live/comments.example.kz/privkey.pem', v.key],
  ];
  for (const [from, to] of swaps) {
    if (!text.includes(from)) throw new Error(`docs/nginx/pikir.conf no longer has "${from}"`);
    text = text.replace(from, to);
  }
  return text;
}

describe.skipIf(!hasNginx || !hasChromium)('Pikir behind nginx with TLS', () => {
  let dir: string;
  let nginx: ChildProcess;
  let nginxLog = '';
  let pikir: RunningPikir;
  let host: HostSite;
  let browser: Browser;
  let base: string;
  let httpPort: number;
  let ca: Buffer;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pikir-nginx-'));
    const [https, http] = [await freePort(), await freePort()];
    httpPort = http;
    base = `https://127.0.0.1:${https}`;
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    ca = readFileSync(cert);

    [pikir, host] = await Promise.all([
      startPikir({ admins: [], publicUrl: base, clientIp: socketClientIp(1) }),
      startHostSite(),
    ]);
    const upstream = new URL(pikir.url).host;
    writeFileSync(join(dir, 'pikir.conf'), testSiteConfig({ https, http, upstream, cert, key }));
    for (const temp of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, temp));
    // Everything nginx writes stays in the temp dir; as root, workers run as nobody.
    writeFileSync(
      join(dir, 'nginx.conf'),
      `${process.getuid?.() === 0 ? 'user nobody nogroup;\n' : ''}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${dir}/pikir.conf;
}
`,
    );
    nginx = spawn(
      NGINX,
      ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    nginx.stderr?.on('data', (chunk) => {
      nginxLog += chunk;
    });
    for (let i = 0; ; i++) {
      const up = await get('/healthz').then(
        (r) => r.status === 200,
        () => false,
      );
      if (up) break;
      if (i > 100 || nginx.exitCode !== null) throw new Error(`nginx did not start: ${nginxLog}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const db = pikir.storage.db;
    const now = Date.now();
    await createSite(db, { id: SITE, name: 'News', origins: [host.url] }, now);
    const earlier = await seedUser(db, 'Ерлан', now);
    await seedComment(db, {
      siteId: SITE,
      pageKey: 'a',
      authorId: earlier,
      text: 'Первый!',
      at: now - 60_000,
    });
    await insertUser(
      db,
      {
        id: randomId(),
        displayName: 'Редактор',
        email: ADMIN.email,
        passwordHash: await hashPassword(ADMIN.password),
      },
      now,
    );
    await addSiteAdmin(db, SITE, ADMIN.email, now);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    // Open live streams would keep nginx's graceful quit waiting: Pikir ends them first.
    await pikir?.live.close();
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    }
    await Promise.all([pikir?.close(), host?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** An HTTPS request through nginx that trusts only this run's certificate. */
  function fetchTls(
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    return new Promise((resolve, reject) => {
      const body = init.body === undefined ? undefined : JSON.stringify(init.body);
      const req = httpsRequest(
        `${base}${path}`,
        {
          method: init.method ?? 'GET',
          ca,
          headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  const get = (path: string) => fetchTls(path);

  async function newContext(token?: string) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    contexts.push(context);
    if (token)
      await context.addInitScript(([k, v]) => localStorage.setItem(k, v), [
        `pikir:session:${SITE}`,
        token,
      ] as const);
    return context;
  }

  const reader = async (name: string) => {
    const id = await seedUser(pikir.storage.db, name, Date.now());
    return { id, token: await createSession(pikir.storage.db, id, SITE, Date.now()) };
  };

  it('serves the widget through nginx over TLS: the thread loads and a post goes through', async () => {
    const { token } = await reader('Айгерим');
    const page = await (await newContext(token)).newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    const article = host.page(
      '/a',
      `<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,">
      <title>Статья</title></head><body><div id="comments"></div>
      <script src="${base}/embed.js" data-site="${SITE}" data-page="a" async></script></body></html>`,
    );
    await page.goto(article);
    await page.locator('.comment').filter({ hasText: 'Первый!' }).waitFor();
    await page.getByLabel('Ваш комментарий', { exact: true }).fill('Через nginx');
    await page.getByRole('button', { name: 'Отправить', exact: true }).click();
    await page.locator('.comment').filter({ hasText: 'Через nginx' }).waitFor();
    const row = await pikir.storage.db
      .selectFrom('comments')
      .select(['ip_key', 'status'])
      .where('text', '=', 'Через nginx')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ ip_key: '127.0.0.1', status: 'published' });
    expect(problems).toEqual([]);
  });

  it('keeps the admin panel’s Secure session cookie over https', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${base}/admin`);
    await page.getByRole('heading', { name: 'Вход для модераторов', exact: true }).waitFor();
    await page.getByLabel('Номер телефона или эл. почта', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Пароль', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Войти', exact: true }).click();
    await page.getByRole('heading', { name: 'Комментарии с жалобами', exact: true }).waitFor();
    const cookies = await context.cookies(`${base}/admin/api`);
    expect(cookies.find((c) => c.name === 'pikir_admin')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
      path: '/admin',
    });
    // The cookie comes back through nginx: a reload opens the panel signed in.
    await page.reload();
    await page.getByRole('heading', { name: 'Комментарии с жалобами', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Настройки', exact: true }).click();
    await page.getByRole('heading', { name: 'Настройки сайта', exact: true }).waitFor();
  });

  it('keys limits on the client’s address, never on a spoofed X-Forwarded-For', async () => {
    const db = pikir.storage.db;
    const post = async (spoofed: string, text: string) => {
      const { token } = await reader(`R ${text}`);
      return fetchTls(`/api/sites/${SITE}/comments`, {
        method: 'POST',
        headers: { Origin: host.url, Authorization: `Bearer ${token}`, 'X-Forwarded-For': spoofed },
        body: { page: 'limits', title: 'Limits', url: `${host.url}/limits`, text },
      });
    };
    // A client-sent X-Forwarded-For is kept but not believed: nginx appends the real address.
    expect((await post('198.51.100.7', 'spoofed once')).status).toBe(201);
    const stored = await db
      .selectFrom('comments')
      .select('ip_key')
      .where('text', '=', 'spoofed once')
      .executeTakeFirstOrThrow();
    expect(stored.ip_key).toBe('127.0.0.1');

    // The network's hour is full: no address the client claims gets it another post.
    const author = await seedUser(db, 'Много', Date.now());
    for (let i = 0; i < COMMENTS_PER_HOUR_PER_IP; i++)
      await seedComment(db, { siteId: SITE, pageKey: 'flood', authorId: author, at: Date.now() - 1000 });
    await db.updateTable('comments').set({ ip_key: '127.0.0.1' }).where('page_key', '=', 'flood').execute();
    for (const spoofed of ['198.51.100.8', '203.0.113.9, 198.51.100.9', '10.0.0.1']) {
      const refused = await post(spoofed, `flood from ${spoofed}`);
      expect(refused.status, spoofed).toBe(429);
      expect(JSON.parse(refused.body).error.code).toBe('rate_limited');
    }
  });

  it('passes the live thread’s events through unbuffered', async () => {
    // The widget pages of the tests before keep their own streams open.
    const before = pikir.live.streams;
    const chunks: string[] = [];
    const opened = new Promise<{ status: number; headers: Record<string, unknown>; close: () => void }>(
      (resolve, reject) => {
        const req = httpsRequest(
          `${base}/api/sites/${SITE}/pages/events?page=live`,
          { ca, headers: { Origin: host.url } },
          (res) => {
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => chunks.push(chunk));
            resolve({ status: res.statusCode ?? 0, headers: res.headers, close: () => req.destroy() });
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    const stream = await opened;
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await expect.poll(() => pikir.live.streams).toBe(before + 1);
    const author = await seedUser(pikir.storage.db, 'Live', Date.now());
    await seedComment(pikir.storage.db, {
      siteId: SITE,
      pageKey: 'live',
      authorId: author,
      text: 'Сквозь nginx',
      at: Date.now(),
    });
    // Buffered, the event would wait for nginx's buffer to fill or the stream to end.
    await expect.poll(() => chunks.join(''), { timeout: 5_000 }).toContain('Сквозь nginx');
    stream.close();
    await expect.poll(() => pikir.live.streams).toBe(before);
  });

  it('redirects plain http to https', async () => {
    const response = await new Promise<{ status: number; location?: string }>((resolve, reject) => {
      const req = httpRequest(`http://127.0.0.1:${httpPort}/admin`, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, location: res.headers.location });
      });
      req.on('error', reject);
      req.end();
    });
    expect(response).toEqual({ status: 301, location: 'https://127.0.0.1/admin' });
  });
});
