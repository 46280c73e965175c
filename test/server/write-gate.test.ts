import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../server/http/env.ts';
import { writeGate } from '../../server/http/write-gate.ts';

/** An app whose POST /w waits until released, recording how many run at once and in what order. */
function gatedApp(limit: number) {
  const app = new Hono<AppEnv>();
  const releases: (() => void)[] = [];
  const started: number[] = [];
  let running = 0;
  let most = 0;
  app.use('/w', writeGate(limit));
  app.on(['GET', 'POST'], '/w', async (c) => {
    running++;
    most = Math.max(most, running);
    started.push(Number(c.req.query('n')));
    if (c.req.method === 'POST') await new Promise<void>((resolve) => releases.push(resolve));
    running--;
    return c.text('ok');
  });
  return { app, releases, started, most: () => most };
}

// Two turns of the event loop: a freed slot is handed over on the next one.
const settle = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

describe('write gate', () => {
  it('runs at most `limit` writes at once and lets the others in, in the order they came', async () => {
    const { app, releases, started, most } = gatedApp(2);
    const answers = Array.from({ length: 5 }, (_, n) => app.request(`/w?n=${n}`, { method: 'POST' }));
    await settle();
    expect(started).toEqual([0, 1]);
    releases.shift()!();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    while (started.length < 5 || releases.length > 0) {
      releases.shift()?.();
      await settle();
    }
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most()).toBe(2);
    expect((await Promise.all(answers)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it('never holds a read, even while every slot is taken', async () => {
    const { app, releases } = gatedApp(1);
    const write = app.request('/w?n=0', { method: 'POST' });
    await settle();
    expect((await app.request('/w?n=1')).status).toBe(200);
    releases.shift()!();
    expect((await write).status).toBe(200);
  });

  it('gives the slot back when a write fails', async () => {
    const app = new Hono<AppEnv>();
    app.use('/w', writeGate(1));
    app.post('/w', (c) => {
      if (c.req.query('fail')) throw new Error('boom');
      return c.text('ok');
    });
    expect((await app.request('/w?fail=1', { method: 'POST' })).status).toBe(500);
    expect((await app.request('/w', { method: 'POST' })).status).toBe(200);
  });

  it('takes one turn for a request that two of its mounts match', async () => {
    const app = new Hono<AppEnv>();
    const gate = writeGate(1);
    app.use('/w', gate);
    app.use('/w/*', gate);
    app.post('/w', (c) => c.text('ok'));
    expect((await app.request('/w', { method: 'POST' })).status).toBe(200);
  });

  it('starts one write per turn of the event loop, free slots or not, so that reads that came meanwhile go first', async () => {
    const app = new Hono<AppEnv>();
    // Counts the event loop's turns; writes that start in the same turn hold up every read that
    // arrived meanwhile for all of them.
    let turn = 0;
    let counting = true;
    const count = () => {
      turn++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const startedAt: number[] = [];
    app.use('/w', writeGate(4));
    app.post('/w', (c) => {
      startedAt.push(turn);
      return c.text('ok');
    });
    const answers = await Promise.all(Array.from({ length: 4 }, () => app.request('/w', { method: 'POST' })));
    counting = false;
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(startedAt).size).toBe(4);
  });
});
