/** Who is signed in to the admin panel, the sites they moderate and their role on each (shared/contract/admin.ts). */
import type { Kysely } from 'kysely';
import type { AdminMe, AdminWho } from '../../../shared/api.ts';
import type { SiteRoles } from '../../auth/admins.ts';
import type { Deps } from '../../deps.ts';
import { panelAdmin } from '../../http/admin-session.ts';
import { Endpoints } from '../../http/endpoint.ts';
import type { Database } from '../../storage/schema.ts';
import { listSites } from '../../storage/sites.ts';

/**
 * Asked on every visit to the panel, also before any sign-in: without a live session the answer
 * is a 200 `{user: null}`, not a 401 that every browser would log in the console as an error.
 */
export function adminMeRoutes({ db, clock, admins }: Pick<Deps, 'db' | 'clock' | 'admins'>) {
  return new Endpoints().endpoint('GET /admin/api/me', async (c): Promise<AdminWho> => {
    const admin = await panelAdmin(c, db, clock, admins);
    if (!admin) return { user: null, sites: [] };
    return adminMe(db, { id: admin.user.id, name: admin.user.displayName }, admin.roles);
  });
}

export async function adminMe(
  db: Kysely<Database>,
  user: AdminMe['user'],
  roles: SiteRoles,
): Promise<AdminMe> {
  const all = await listSites(db);
  const sites: AdminMe['sites'] = [];
  for (const s of all) {
    const role = roles === 'all' ? 'admin' : roles[s.id];
    if (role) sites.push({ id: s.id, name: s.name, role });
  }
  return { user, sites };
}
