import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitBody } from '../../server/http/body-limit.ts';
import type { AppEnv } from '../../server/http/env.ts';
import { errorResponse } from '../../server/http/errors.ts';
import { Refusal } from '../../server/refusal.ts';

const LIMIT = 100;

/** An app that echoes the JSON it was sent and tells whether the web Request had been built. */
function echoApp() {
  const app = new Hono<AppEnv>();
  app.onError((error, c) => errorResponse(c, error instanceof Refusal ? error : new Refusal('internal')));
  app.use(limitBody(LIMIT));
  app.all('/echo', async (c) => {
    // Before the body is read: @hono/node-server's lightweight request shows its web Request.
    const built = !/nativeRequest: undefined/.test(inspect(c.req.raw));
    const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? null : await c.req.json();
    return c.json({ body, built });
  });
  return app;
}

describe('body limit', () => {
  it('never looks at GET or HEAD', async () => {
    const app = echoApp();
    for (const method of ['GET', 'HEAD']) {
      const response = await app.request('/echo', { method, headers: { 'Content-Length': '100000' } });
      expect(response.status).toBe(200);
    }
  });

  it('refuses a declared length over the limit, and passes one at it', async () => {
    const app = echoApp();
    const over = await app.request('/echo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(LIMIT + 1) },
      body: JSON.stringify('x'.repeat(LIMIT - 1)),
    });
    expect(over.status).toBe(413);
    expect((await over.json()).error.code).toBe('payload_too_large');
    const text = JSON.stringify('x'.repeat(LIMIT - 2));
    const at = await app.request('/echo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(text.length) },
      body: text,
    });
    expect(at.status).toBe(200);
    expect((await at.json()).body).toBe('x'.repeat(LIMIT - 2));
  });

  it('counts a body without a length as it streams in', async () => {
    const app = echoApp();
    const streamOf = (text: string) =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(text));
          controller.close();
        },
      });
    const over = await app.request('/echo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: streamOf(JSON.stringify('x'.repeat(LIMIT))),
      duplex: 'half',
    } as RequestInit);
    expect(over.status).toBe(413);
    const under = await app.request('/echo', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: streamOf('"short"'),
      duplex: 'half',
    } as RequestInit);
    expect(await under.json()).toMatchObject({ body: 'short' });
  });

  describe('on a Node server', () => {
    let server: ReturnType<typeof serve>;
    let port = 0;
    beforeAll(async () => {
      await new Promise<void>((resolve) => {
        server = serve({ fetch: echoApp().fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
          port = (info as AddressInfo).port;
          resolve();
        });
      });
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    /** Sends `parts` one write each; chunked when `length` is not given. */
    const send = (parts: Buffer[], length?: number) =>
      new Promise<{ status: number; json: { body?: unknown; built?: boolean; error?: { code: string } } }>(
        (resolve, reject) => {
          const headers: Record<string, string> = { 'Content-Type': 'application/json' };
          if (length !== undefined) headers['Content-Length'] = String(length);
          const req = httpRequest(
            { host: '127.0.0.1', port, path: '/echo', method: 'POST', headers },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (chunk: Buffer) => chunks.push(chunk));
              res.on('end', () =>
                resolve({
                  status: res.statusCode ?? 0,
                  json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
                }),
              );
            },
          );
          req.on('error', reject);
          for (const part of parts) req.write(part);
          req.end();
        },
      );

    it('leaves a body with a length to the endpoint, read without building a web Request', async () => {
      // A Cyrillic letter split across two writes, after a byte order mark.
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"text":"Жаңа"}')]);
      const answer = await send([bytes.subarray(0, 13), bytes.subarray(13)], bytes.length);
      expect(answer).toEqual({ status: 200, json: { body: { text: 'Жаңа' }, built: false } });
    });

    it('refuses a chunked body over the limit and still answers', async () => {
      const answer = await send([Buffer.from('"'), Buffer.from('x'.repeat(LIMIT)), Buffer.from('"')]);
      expect(answer.status).toBe(413);
      expect(answer.json.error?.code).toBe('payload_too_large');
    });
  });
});
