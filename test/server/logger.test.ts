import { Writable } from 'node:stream';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../server/http/env.ts';
import { requestIds, requestLog } from '../../server/http/request-log.ts';
import { type LogFields, pinoLogger } from '../../server/logger.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

describe('the structured logger', () => {
  it('writes one JSON object a line, with its level and the request id', () => {
    const { lines, stream } = capture();
    const log = pinoLogger('info', stream);
    log('abc GET /x 200 1ms', { reqId: 'abc', status: 200 });
    log('abc error boom', { level: 'error', reqId: 'abc' });
    log('hidden', { level: 'debug' });
    expect(lines).toMatchObject([
      { level: 30, reqId: 'abc', status: 200, msg: 'abc GET /x 200 1ms' },
      { level: 50, reqId: 'abc', msg: 'abc error boom' },
    ]);
    expect(lines[0]).not.toHaveProperty('pid');
  });

  it('drops lines below its level', () => {
    const { lines, stream } = capture();
    const log = pinoLogger('warn', stream);
    log('a request');
    log('a failure', { level: 'error' });
    expect(lines.map((l) => l.msg)).toEqual(['a failure']);
  });

  it('gets each request’s fields from the request log', async () => {
    const seen: { line: string; fields?: LogFields }[] = [];
    const app = new Hono<AppEnv>();
    app.use(requestIds());
    app.use(
      requestLog(
        (line, fields) => seen.push({ line, fields }),
        () => '203.0.113.7',
      ),
    );
    app.get('/x', (c) => c.text('ok'));
    const response = await app.request('/x');
    const id = response.headers.get('x-request-id')!;
    expect(seen).toHaveLength(1);
    expect(seen[0]!.line.startsWith(`${id} GET /x 200 `)).toBe(true);
    expect(seen[0]!.fields).toMatchObject({ reqId: id, method: 'GET', path: '/x', status: 200, user: '-' });
  });

  it('gives every request an id of its own, 12 URL-safe characters, across refills of the pool', async () => {
    const app = new Hono<AppEnv>();
    app.use(requestIds());
    app.get('/x', (c) => c.text('ok'));
    const ids: string[] = [];
    // More than two pools' worth (512 ids each).
    for (let n = 0; n < 1_200; n++) ids.push((await app.request('/x')).headers.get('x-request-id')!);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
