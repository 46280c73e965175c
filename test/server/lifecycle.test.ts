/**
 * The server as its own process: health and readiness, the demo only outside production, and a
 * graceful shutdown that finishes the request in flight.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PAGE_KEY } from '../../server/routes/demo.ts';
import { type ChildServer, startServer } from '../helpers/child-server.ts';

const production = {
  NODE_ENV: 'production',
  SECRET_KEY: 'k'.repeat(40),
  SMS_PROVIDER: 'webhook',
  SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms',
  SMTP_URL: 'smtp://127.0.0.1:9',
  MAIL_FROM: 'Pikir <no-reply@example.kz>',
};

// A process of its own: Node and tsx load the code first, which takes seconds on a busy machine.
describe('the server process', { timeout: 60_000 }, () => {
  let dir: string;
  let server: ChildServer | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pikir-life-'));
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('is alive and ready, and keeps its demo outside production', async () => {
    server = await startServer(18110, { DATABASE_URL: join(dir, 'dev.db') });
    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    // Longer than nginx's 60 s, so the proxy closes idle connections, never Pikir.
    expect(health.headers.get('keep-alive')).toBe('timeout=65');
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ ok: true });
    const thread = await fetch(`${server.url}/api/sites/demo/comments?page=${DEMO_PAGE_KEY}`);
    expect(((await thread.json()) as { comments: unknown[] }).comments).toHaveLength(3);
    expect((await fetch(`${server.url}/`)).status).toBe(200);
    expect(await server.stop()).toBe(0);
  });

  it('creates no demo site and no sample comments in production', async () => {
    const file = join(dir, 'prod.db');
    server = await startServer(18111, { ...production, DATABASE_URL: file });
    const thread = await fetch(`${server.url}/api/sites/demo/comments?page=x`);
    expect(thread.status).toBe(404);
    expect(((await thread.json()) as { error: { code: string } }).error.code).toBe('site_not_found');
    expect((await fetch(`${server.url}/`)).status).toBe(404);
    expect(server.lines.join('\n')).not.toMatch(/Demo article/);
    expect(await server.stop()).toBe(0);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('select count(*) as n from sites').get()).toEqual({ n: 0 });
      expect(db.prepare('select count(*) as n from comments').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('on SIGTERM stops accepting, finishes the request in flight and exits 0', async () => {
    server = await startServer(18112, { DATABASE_URL: join(dir, 'stop.db') });
    const running = server;
    // A request whose body is still coming is in flight until the body ends.
    let answer!: (status: number) => void;
    const answered = new Promise<number>((resolve) => {
      answer = resolve;
    });
    const body = '{"channel":"email","contact":"reader@example.kz"}';
    const slow = request(`${server.url}/api/sites/demo/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    });
    slow.on('response', (response) => {
      response.resume();
      answer(response.statusCode ?? 0);
    });
    slow.write(body.slice(0, 20));
    await new Promise<void>((resolve) => slow.once('socket', (s) => s.once('connect', resolve)));
    running.process.kill('SIGTERM');
    await running.waitFor(/SIGTERM: no new connections/);
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    slow.end(body.slice(20));
    // No name and password: refused, but answered, and only then does the process end.
    expect(await answered).toBe(400);
    expect(await running.exited).toBe(0);
    expect(running.lines.join('\n')).toMatch(/shutdown: done/);
  });
});
