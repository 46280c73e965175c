/** Who is signed in to the admin panel and which sites they moderate (shared/contract/admin.ts). */
import type { Kysely } from 'kysely';
import type { AdminMe } from '../../../shared/api.ts';
import { Endpoints } from '../../http/endpoint.ts';
import type { Database } from '../../storage/schema.ts';
import { listSites } from '../../storage/sites.ts';

export function adminMeRoutes(db: Kysely<Database>) {
  return new Endpoints().endpoint('GET /admin/api/me', async (c) => {
    const user = c.get('user')!;
    return adminMe(db, { id: user.id, name: user.displayName }, c.get('adminSites'));
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
