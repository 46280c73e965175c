/** GET /admin/api/me: who is signed in to the admin panel and which sites they moderate. */
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { AdminMe } from '../../../shared/api.ts';
import type { AppEnv } from '../../http/env.ts';
import type { Database } from '../../storage/schema.ts';
import { listSites } from '../../storage/sites.ts';

export function adminMeRoutes(db: Kysely<Database>) {
  return new Hono<AppEnv>().get('/me', async (c) => {
    const user = c.get('user')!;
    return c.json(
      (await adminMe(db, { id: user.id, name: user.displayName }, c.get('adminSites'))) satisfies AdminMe,
    );
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
