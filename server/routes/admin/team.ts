/**
 * A site's team in the panel (shared/contract/admin.ts): its admins add moderators and admins,
 * change roles and take people off, each change in the audit log in the same transaction. The
 * site's last admin cannot be demoted or removed here (the operator's CLI may remove anyone).
 */
import { type Kysely, sql } from 'kysely';
import type { SiteTeam } from '../../../shared/api.ts';
import { parseContact } from '../../../shared/contact.ts';
import type { SiteRole } from '../../../shared/vocabulary.ts';
import type { Deps } from '../../deps.ts';
import { requireSiteRole } from '../../http/admin-session.ts';
import { Endpoints } from '../../http/endpoint.ts';
import { randomId } from '../../ids.ts';
import { Refusal } from '../../refusal.ts';
import { changeTeam, LastAdminError, listTeam } from '../../storage/admins.ts';
import { writeAudit } from '../../storage/audit.ts';
import type { Database } from '../../storage/schema.ts';
import { getSite } from '../../storage/sites.ts';

export function adminTeamRoutes(deps: Pick<Deps, 'db' | 'clock'>) {
  const { db, clock } = deps;

  /** Adds, changes or (role null) removes; the change, or null when there was none to make. */
  async function change(actorId: string, siteId: string, input: string, role: SiteRole | null) {
    const site = await getSite(db, siteId);
    if (!site) throw new Refusal('not_found', 'No such site.');
    const contact = parseContact(input, site.defaultCountry);
    if (!contact) throw new Refusal('contact_invalid');
    const now = clock.now();
    try {
      return await changeTeam(db, site.id, contact.value, role, now, (tx, done) =>
        writeAudit(
          tx,
          {
            id: randomId(),
            siteId: site.id,
            actorId,
            action: 'team',
            commentId: null,
            targetUserId: null,
            reason: `${done.contact}: ${done.from ?? '—'} → ${done.to ?? '—'}`,
          },
          now,
        ),
      );
    } catch (error) {
      if (error instanceof LastAdminError) throw new Refusal('last_admin');
      throw error;
    }
  }

  return new Endpoints()
    .endpoint('GET /admin/api/sites/:site/team', async (c, { params }) => {
      requireSiteRole(c, params.site, 'admin');
      return team(db, params.site);
    })
    .endpoint('PUT /admin/api/sites/:site/team', async (c, { params, body }) => {
      requireSiteRole(c, params.site, 'admin');
      await change(c.get('user')!.id, params.site, body.contact, body.role);
      return team(db, params.site);
    })
    .endpoint('DELETE /admin/api/sites/:site/team/:contact', async (c, { params }) => {
      requireSiteRole(c, params.site, 'admin');
      const removed = await change(c.get('user')!.id, params.site, params.contact, null);
      if (!removed) throw new Refusal('not_found', 'This contact is not on the site’s team.');
      return c.body(null, 204);
    });
}

/** The team with the names of the accounts its contacts belong to. */
async function team(db: Kysely<Database>, siteId: string): Promise<SiteTeam> {
  const rows = await listTeam(db, siteId);
  const keys = rows.map((r) => r.contact.toLowerCase());
  const users =
    keys.length === 0
      ? []
      : await db
          .selectFrom('users')
          .select(['display_name', 'email', 'phone'])
          .where((eb) => eb.or([eb(sql<string>`lower(email)`, 'in', keys), eb('phone', 'in', keys)]))
          .execute();
  const names = new Map<string, string>();
  for (const u of users) {
    if (u.email) names.set(u.email.toLowerCase(), u.display_name);
    if (u.phone) names.set(u.phone, u.display_name);
  }
  return {
    site: siteId,
    members: rows.map((r) => ({
      contact: r.contact,
      role: r.role,
      name: names.get(r.contact.toLowerCase()) || null,
      addedAt: r.createdAt,
    })),
  };
}
