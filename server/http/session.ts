/**
 * Reads `Authorization: Bearer <token>` for a site's API. `optionalUser` lets anonymous readers
 * through with no user; `requireUser` answers 401 without a live session of this site.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import { resolveSession } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import { Refusal } from '../refusal.ts';
import type { Database } from '../storage/schema.ts';
import type { AppEnv } from './env.ts';

export function bearerToken(c: Context): string | null {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
  return match ? match[1]! : null;
}

export function optionalUser(db: Kysely<Database>, clock: Clock): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c);
    const user = token ? await resolveSession(db, token, c.get('site').id, clock.now()) : null;
    c.set('user', user);
    await next();
  };
}

export function requireUser(db: Kysely<Database>, clock: Clock): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c);
    const user = token ? await resolveSession(db, token, c.get('site').id, clock.now()) : null;
    if (!user) throw new Refusal('unauthorized');
    c.set('user', user);
    await next();
  };
}
