/**
 * The admin panel's session: an HttpOnly cookie holding an admin-panel session token (site null).
 * `requireAdmin` answers 401 without a live one and 403 when the account moderates no site any
 * more; which sites it moderates is read again on every request, so removing an admin takes
 * effect at once. Handlers still check the site of the very comment they act on.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import { adminSiteIds } from '../auth/admins.ts';
import { ADMIN_SESSION_MAX_MS, resolveSession, type SessionUser } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import { Refusal } from '../refusal.ts';
import type { Database } from '../storage/schema.ts';
import type { AppEnv } from './env.ts';

export const ADMIN_COOKIE = 'pikir_admin';

const cookieOptions = {
  httpOnly: true,
  secure: true,
  sameSite: 'Strict',
  path: '/admin',
} as const;

export function setAdminCookie(c: Context, token: string): void {
  setCookie(c, ADMIN_COOKIE, token, { ...cookieOptions, maxAge: ADMIN_SESSION_MAX_MS / 1000 });
}

export function clearAdminCookie(c: Context): string | undefined {
  return deleteCookie(c, ADMIN_COOKIE, cookieOptions);
}

export function adminToken(c: Context): string | undefined {
  return getCookie(c, ADMIN_COOKIE);
}

/**
 * The admin of this request's cookie and the sites they moderate; null without a live session.
 * Throws forbidden for a live session of an account that moderates no site any more.
 */
export async function panelAdmin(
  c: Context,
  db: Kysely<Database>,
  clock: Clock,
  globalAdmins: readonly string[],
): Promise<{ user: SessionUser; sites: 'all' | string[] } | null> {
  const token = adminToken(c);
  const user = token ? await resolveSession(db, token, null, clock.now()) : null;
  if (!user) return null;
  const sites = await adminSiteIds(db, globalAdmins, user);
  if (sites !== 'all' && sites.length === 0) throw new Refusal('forbidden');
  return { user, sites };
}

export function requireAdmin(
  db: Kysely<Database>,
  clock: Clock,
  globalAdmins: readonly string[],
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const admin = await panelAdmin(c, db, clock, globalAdmins);
    if (!admin) throw new Refusal('unauthorized');
    c.set('user', admin.user);
    c.set('adminSites', admin.sites);
    await next();
  };
}

/** True when the signed-in admin moderates `siteId`. */
export function moderates(c: Context<AppEnv>, siteId: string): boolean {
  const sites = c.get('adminSites');
  return sites === 'all' || sites.includes(siteId);
}

/**
 * The sites a listing covers: the one asked for (403 when it is not the admin's), else all of
 * the admin's sites.
 */
export function sitesInScope(c: Context<AppEnv>, requested: string | undefined): 'all' | string[] {
  if (requested === undefined) return c.get('adminSites');
  if (!moderates(c, requested)) throw new Refusal('forbidden', 'You do not moderate this site.');
  return [requested];
}
