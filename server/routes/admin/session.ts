/**
 * The admin panel's cookie session (shared/contract/admin.ts): signing in and out need no
 * session, since signing in is how one gets past the guard.
 */
import { contactForChannel } from '../../../shared/contact.ts';
import { siteRoles } from '../../auth/admins.ts';
import { createSession, revokeSession } from '../../auth/sessions.ts';
import type { Deps } from '../../deps.ts';
import { adminToken, clearAdminCookie, setAdminCookie } from '../../http/admin-session.ts';
import { networkOf } from '../../http/client-ip.ts';
import { Endpoints } from '../../http/endpoint.ts';
import { Refusal } from '../../refusal.ts';
import { adminMe } from './me.ts';

export function adminSessionRoutes(deps: Deps) {
  const { db, clock } = deps;
  return new Endpoints()
    .endpoint('POST /admin/api/login', async (c, { body }) => {
      // Phones without "+" are read as Kazakh numbers, as for ADMINS.
      const contact = contactForChannel(body.channel, body.contact, 'KZ');
      if (!contact) throw new Refusal('contact_invalid');
      const userId = await deps.verifyLogin(contact, body.password, networkOf(deps.clientIp(c)));
      if (!userId) throw new Refusal('invalid_credentials');
      const user = await db
        .selectFrom('users')
        .select(['id', 'display_name', 'email', 'phone'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      const roles = await siteRoles(db, deps.admins, user);
      if (roles !== 'all' && Object.keys(roles).length === 0) {
        throw new Refusal('forbidden', 'This account does not moderate any site.');
      }
      setAdminCookie(c, await createSession(db, user.id, null, clock.now()));
      return adminMe(db, { id: user.id, name: user.display_name }, roles);
    })
    .endpoint('POST /admin/api/logout', async (c) => {
      const token = adminToken(c);
      if (token) await revokeSession(db, token);
      clearAdminCookie(c);
      return undefined;
    });
}
