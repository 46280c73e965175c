import type { MiddlewareHandler } from 'hono';
import { randomId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import { Refusal } from '../refusal.ts';
import { type ClientIp, networkOf } from './client-ip.ts';
import type { AppEnv } from './env.ts';

/**
 * Every request gets an id of ours, returned in X-Request-Id and starting its log line. A client's
 * own X-Request-Id is never taken as ours (anyone can send any id, and a log line that starts with
 * it would let them forge or collide with other requests' lines); it is logged beside, as
 * `client-id=`, cut to a safe alphabet and length so it can neither split nor forge a line.
 */
export function requestIds(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = randomId(9);
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  };
}

/**
 * One line per request: our id, the method, path, status and time, the client's network and the
 * signed-in user (or "-"), the client's own request id, and which limit refused it, if one did.
 */
export function requestLog(
  log: Logger,
  clientIp: ClientIp,
  now: () => number = Date.now,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = now();
    await next();
    const fields = [`net=${networkOf(clientIp(c))}`, `user=${c.get('user')?.id ?? '-'}`];
    const clientId = c.req
      .header('x-request-id')
      ?.replace(/[^\w.-]/g, '')
      .slice(0, 64);
    if (clientId) fields.push(`client-id=${clientId}`);
    if (c.error instanceof Refusal && c.error.logNote) fields.push(c.error.logNote);
    log(
      `${c.get('requestId')} ${c.req.method} ${c.req.path} ${c.res.status} ${now() - started}ms ${fields.join(' ')}`,
    );
  };
}
