/**
 * A site's settings page in the panel (shared/contract/admin.ts): its admins (not its moderators) read and change the
 * settings, each change written to the audit log in the same transaction. The webhook is shown,
 * not changed: its URL makes the server send requests wherever it points, so only the operator
 * sets it (`npm run cli -- site set ID --webhook URL`).
 */
import type { SiteSettingsView, WebhookFailureView } from '../../../shared/api.ts';
import type { Deps } from '../../deps.ts';
import { requireSiteRole } from '../../http/admin-session.ts';
import { Endpoints } from '../../http/endpoint.ts';
import { randomId } from '../../ids.ts';
import { Refusal } from '../../refusal.ts';
import { writeAudit } from '../../storage/audit.ts';
import { getSite, type Site, siteChanges, updateSite } from '../../storage/sites.ts';
import { webhookStatus } from '../../storage/webhook-outbox.ts';

export function adminSettingsRoutes(deps: Pick<Deps, 'db' | 'clock'>) {
  const view = async (site: Site): Promise<SiteSettingsView> => {
    const status = await webhookStatus(deps.db, site.id);
    const url = site.settings.webhookUrl;
    return {
      site: site.id,
      name: site.name,
      defaultCountry: site.defaultCountry,
      complaintThreshold: site.settings.complaintThreshold,
      smsCountries: site.settings.smsCountries,
      smsDailyBudget: site.settings.smsDailyBudget,
      commentMaxLength: site.settings.commentMaxLength,
      closeAfterDays: site.settings.closeAfterDays,
      dislikes: site.settings.dislikes,
      webhook: {
        origin: url ? new URL(url).origin : null,
        pending: status.pending,
        failing: status.failing,
        failed: status.failed.map((f) => ({ ...f, event: f.event as WebhookFailureView['event'] })),
      },
    };
  };
  return new Endpoints()
    .endpoint('GET /admin/api/sites/:site/settings', async (c, { params }) => {
      requireSiteRole(c, params.site, 'admin');
      const site = await getSite(deps.db, params.site);
      if (!site) throw new Refusal('not_found', 'No such site.');
      return view(site);
    })
    .endpoint('PATCH /admin/api/sites/:site/settings', async (c, { params, body }) => {
      requireSiteRole(c, params.site, 'admin');
      const actorId = c.get('user')!.id;
      const now = deps.clock.now();
      const { name, defaultCountry, ...settings } = body;
      const changed = await updateSite(
        deps.db,
        params.site,
        () => ({ name, defaultCountry, settings }),
        async (tx, before, after) => {
          for (const change of siteChanges(before, after)) {
            await writeAudit(
              tx,
              {
                id: randomId(),
                siteId: after.id,
                actorId,
                action: 'settings',
                commentId: null,
                targetUserId: null,
                reason: `${change.setting}: ${change.from || '—'} → ${change.to || '—'}`,
              },
              now,
            );
          }
        },
      );
      if (!changed) throw new Refusal('not_found', 'No such site.');
      return view(changed.after);
    });
}
