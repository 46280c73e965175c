/**
 * POST /admin/api/login and /admin/api/logout: the admin panel's cookie session. Mounted before
 * the require-admin guard, since signing in is how one gets past it.
 */
import { Hono } from 'hono';
import type { AdminMe } from '../../../shared/api.ts';
import { contactForChannel } from '../../../shared/contact.ts';
import { adminLoginSchema } from '../../../shared/schemas.ts';
import { adminSiteIds } from '../../auth/admins.ts';
import { createSession, revokeSession } from '../../auth/sessions.ts';
import type { Deps } from '../../deps.ts';
import { adminToken, clearAdminCookie, setAdminCookie } from '../../http/admin-session.ts';
import { networkOf } from '../../http/client-ip.ts';
import type { AppEnv } from '../../http/env.ts';
import { ApiError } from '../../http/errors.ts';
import { jsonBody } from '../../http/validate.ts';
import { adminMe } from './me.ts';

export function adminSessionRoutes(deps: Deps) {
  const { db, clock } = deps;
  return new Hono<AppEnv>()
    .post('/login', async (c) => {
      const body = await jsonBody(c, adminLoginSchema);
      // Phones without "+" are read as Kazakh numbers, as for ADMINS.
      const contact = contactForChannel(body.channel, body.contact, 'KZ');
      if (!contact) throw new ApiError('contact_invalid');
      const userId = await deps.verifyLogin(contact, body.password, networkOf(deps.clientIp(c)));
      if (!userId) throw new ApiError('invalid_credentials');
      const user = await db
        .selectFrom('users')
        .select(['id', 'display_name', 'email', 'phone'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      const sites = await adminSiteIds(db, deps.admins, user);
      if (sites !== 'all' && sites.length === 0) {
        throw new ApiError('forbidden', 'This account does not moderate any site.');
      }
      setAdminCookie(c, await createSession(db, user.id, null, clock.now()));
      return c.json((await adminMe(db, { id: user.id, name: user.display_name }, sites)) satisfies AdminMe);
    })
    .post('/logout', async (c) => {
      const token = adminToken(c);
      if (token) await revokeSession(db, token);
      clearAdminCookie(c);
      return c.body(null, 204);
    });
}
