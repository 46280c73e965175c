/**
 * The admin panel's session: an HttpOnly cookie holding an admin-panel session token (site null).
 * `requireAdmin` answers 401 without a live one and 403 when the account moderates no site any
 * more; which sites it moderates, and in which role, is read again on every request, so removing
 * or demoting an admin takes effect at once. Handlers still check the site of the very thing they
 * act on: `requireSiteRole(c, site, 'moderator')` for moderation, `'admin'` for the site's
 * settings, word lists, webhook and team.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { SiteRole } from '../../shared/vocabulary.ts';
import { roleAllows, type SiteRoles, siteRoles } from '../auth/admins.ts';
import { ADMIN_SESSION_MAX_MS, resolveSession, type SessionUser } from '../auth/sessions.ts';
import type { Clock } from '../clock.ts';
import { Refusal, rateLimited } from '../refusal.ts';
import { readCounts, secondsLeft, takeHit } from '../storage/rate-counters.ts';
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
): Promise<{ user: SessionUser; roles: SiteRoles } | null> {
  const token = adminToken(c);
  const user = token ? await resolveSession(db, token, null, clock.now()) : null;
  if (!user) return null;
  const roles = await siteRoles(db, globalAdmins, user);
  if (roles !== 'all' && Object.keys(roles).length === 0) throw new Refusal('forbidden');
  return { user, roles };
}

/**
 * Writes (every method but GET) an admin may make a minute, across sites: far above a person
 * working through a queue, low enough that a stolen session or a runaway script cannot flood the
 * audit log, the webhooks and the readers' threads.
 */
export const ADMIN_WRITES_PER_MINUTE = 60;
const MINUTE = 60_000;

export function requireAdmin(
  db: Kysely<Database>,
  clock: Clock,
  globalAdmins: readonly string[],
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const admin = await panelAdmin(c, db, clock, globalAdmins);
    if (!admin) throw new Refusal('unauthorized');
    if (c.req.method !== 'GET') {
      const window = { key: `panel:write:${admin.user.id}|1m`, windowMs: MINUTE };
      const now = clock.now();
      if (!(await takeHit(db, window, ADMIN_WRITES_PER_MINUTE, now))) {
        throw rateLimited(secondsLeft(await readCounts(db, [window]), window, now)).noted('limit=panel:1m');
      }
    }
    c.set('user', admin.user);
    c.set('adminRoles', admin.roles);
    c.set('adminSites', admin.roles === 'all' ? 'all' : Object.keys(admin.roles));
    await next();
  };
}

/** True when the signed-in admin moderates `siteId`, in either role. */
export function moderates(c: Context<AppEnv>, siteId: string): boolean {
  return hasSiteRole(c, siteId, 'moderator');
}

/** True when the signed-in admin holds `role` (or more) on `siteId`. */
export function hasSiteRole(c: Context<AppEnv>, siteId: string, role: SiteRole): boolean {
  const roles = c.get('adminRoles');
  return roles === 'all' || roleAllows(roles[siteId], role);
}

/**
 * The one guard of a site's panel endpoint: 403 `forbidden` unless the signed-in admin holds
 * `role` (or more) on `siteId`. Call it first, with the site of the thing acted on.
 */
export function requireSiteRole(c: Context<AppEnv>, siteId: string, role: SiteRole): void {
  if (hasSiteRole(c, siteId, role)) return;
  throw new Refusal(
    'forbidden',
    moderates(c, siteId) ? 'Only the site’s admins may do this.' : 'You do not moderate this site.',
  );
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
