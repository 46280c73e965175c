import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../server/http/env.ts';
import { withBody } from '../../server/http/with-body.ts';

describe('body middleware', () => {
  it('never runs for GET or HEAD, always for methods with a body', async () => {
    const seen: string[] = [];
    const app = new Hono<AppEnv>();
    app.use(
      withBody(async (c, next) => {
        seen.push(c.req.method);
        await next();
      }),
    );
    app.all('/x', (c) => c.text('ok'));
    for (const method of ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE']) {
      expect((await app.request('/x', { method })).status).toBe(200);
    }
    expect(seen).toEqual(['POST', 'PATCH', 'DELETE']);
  });
});
