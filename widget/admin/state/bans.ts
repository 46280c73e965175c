/** The bans that hold on one site, and lifting them one reader at a time. */
import { signal } from '@preact/signals';
import type { SiteBan } from '../../../shared/api.ts';
import { codeOf } from '../../../shared/client.ts';
import type { AdminApi } from '../api.ts';

export type BansStore = ReturnType<typeof createBansStore>;

export function createBansStore(api: AdminApi, firstSite: string) {
  const site = signal(firstSite);
  /** Null until the first answer for the chosen site. */
  const bans = signal<SiteBan[] | null>(null);
  const loadError = signal<string | null>(null);
  /** The reader whose ban is being lifted. */
  const lifting = signal<string | null>(null);
  const liftError = signal<string | null>(null);
  /** The name of the reader last let back. */
  const lifted = signal<string | null>(null);

  async function load() {
    const asked = site.value;
    loadError.value = null;
    try {
      const answer = await api.call('GET /admin/api/sites/:site/bans', { params: { site: asked } });
      if (site.value === asked) bans.value = answer.bans;
    } catch (error) {
      if (site.value === asked) loadError.value = codeOf(error);
    }
  }

  function chooseSite(id: string) {
    site.value = id;
    bans.value = null;
    lifted.value = null;
    liftError.value = null;
    return load();
  }

  async function lift(user: SiteBan['user']) {
    if (lifting.value) return;
    const asked = site.value;
    lifting.value = user.id;
    liftError.value = null;
    lifted.value = null;
    try {
      await api.call('DELETE /admin/api/sites/:site/bans/:userId', {
        params: { site: asked, userId: user.id },
      });
      if (site.value !== asked) return;
      bans.value = (bans.value ?? []).filter((ban) => ban.user.id !== user.id);
      lifted.value = user.name;
    } catch (error) {
      if (site.value === asked) liftError.value = codeOf(error);
    } finally {
      lifting.value = null;
    }
  }

  return { site, bans, loadError, lifting, liftError, lifted, load, chooseSite, lift };
}
