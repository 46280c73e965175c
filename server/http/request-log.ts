import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.ts';
import type { AppEnv } from './env.ts';

/** One line per request, starting with the request id that the response also carries. */
export function requestLog(log: Logger, now: () => number = Date.now): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = now();
    await next();
    log(`${c.get('requestId')} ${c.req.method} ${c.req.path} ${c.res.status} ${now() - started}ms`);
  };
}
