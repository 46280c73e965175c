/** Who is signed in to the admin panel and which sites they moderate (shared/contract/admin.ts). */
import type { Kysely } from 'kysely';
import type { AdminMe, AdminWho } from '../../../shared/api.ts';
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
    return adminMe(db, { id: admin.user.id, name: admin.user.displayName }, admin.sites);
  });
}

export async function adminMe(
  db: Kysely<Database>,
  user: AdminMe['user'],
  sites: 'all' | string[],
): Promise<AdminMe> {
  const all = await listSites(db);
  return {
    user,
    sites: all
      .filter((s) => sites === 'all' || sites.includes(s.id))
      .map((s) => ({ id: s.id, name: s.name })),
  };
}
