import type { MiddlewareHandler } from 'hono';
import { requestId } from '../ids.ts';
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
    const id = requestId();
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
    const ms = now() - started;
    const net = networkOf(clientIp(c));
    const user = c.get('user')?.id ?? '-';
    const fields = [`net=${net}`, `user=${user}`];
    const clientId = c.req
      .header('x-request-id')
      ?.replace(/[^\w.-]/g, '')
      .slice(0, 64);
    if (clientId) fields.push(`client-id=${clientId}`);
    const limit = c.error instanceof Refusal ? c.error.logNote : undefined;
    if (limit) fields.push(limit);
    const reqId = c.get('requestId');
    const { method, path } = c.req;
    const status = c.res.status;
    log(`${reqId} ${method} ${path} ${status} ${ms}ms ${fields.join(' ')}`, {
      reqId,
      method,
      path,
      status,
      ms,
      net,
      user,
      ...(clientId ? { clientId } : {}),
      ...(limit ? { limit } : {}),
    });
  };
}
