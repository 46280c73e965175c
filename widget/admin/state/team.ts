/**
 * A site's team on the "Команда" page: who moderates it in which role, adding, changing a role,
 * taking someone off. Not optimistic: the list is always the server's last answer.
 */
import { signal } from '@preact/signals';
import type { SiteRole, TeamMember } from '../../../shared/api.ts';
import { codeOf } from '../../../shared/client.ts';
import type { AdminApi } from '../api.ts';

export type TeamStore = ReturnType<typeof createTeamStore>;

/** What the last change did, for the status line. */
export type TeamDone =
  | { kind: 'added' | 'removed'; contact: string }
  | { kind: 'changed'; contact: string; role: SiteRole };

export function createTeamStore(api: AdminApi, firstSite: string) {
  const site = signal(firstSite);
  /** Null until the first answer for the chosen site. */
  const members = signal<TeamMember[] | null>(null);
  const loadError = signal<string | null>(null);
  const busy = signal(false);
  const error = signal<string | null>(null);
  const done = signal<TeamDone | null>(null);

  async function load() {
    const asked = site.value;
    loadError.value = null;
    try {
      const answer = await api.call('GET /admin/api/sites/:site/team', { params: { site: asked } });
      if (site.value === asked) members.value = answer.members;
    } catch (failure) {
      if (site.value === asked) loadError.value = codeOf(failure);
    }
  }

  function chooseSite(id: string) {
    site.value = id;
    members.value = null;
    error.value = null;
    done.value = null;
    return load();
  }

  /** Runs one change; true when the server took it. */
  async function run(change: () => Promise<{ members: TeamMember[]; done: TeamDone }>): Promise<boolean> {
    if (busy.value) return false;
    const asked = site.value;
    busy.value = true;
    error.value = null;
    done.value = null;
    try {
      const answer = await change();
      if (site.value !== asked) return false;
      members.value = answer.members;
      done.value = answer.done;
      return true;
    } catch (failure) {
      if (site.value === asked) error.value = codeOf(failure);
      return false;
    } finally {
      busy.value = false;
    }
  }

  const put = (contact: string, role: SiteRole) =>
    api
      .call('PUT /admin/api/sites/:site/team', { params: { site: site.value }, body: { contact, role } })
      .then((answer) => answer.members);

  /** Adds a contact; the status line names it as the server normalised it. */
  const add = (contact: string, role: SiteRole) =>
    run(async () => {
      const before = new Set((members.value ?? []).map((m) => m.contact));
      const after = await put(contact, role);
      const added = after.find((m) => !before.has(m.contact))?.contact ?? contact;
      return { members: after, done: { kind: 'added', contact: added } };
    });

  const changeRole = (member: TeamMember, role: SiteRole) =>
    run(async () => ({
      members: await put(member.contact, role),
      done: { kind: 'changed', contact: member.contact, role },
    }));

  const remove = (member: TeamMember) =>
    run(async () => {
      await api.call('DELETE /admin/api/sites/:site/team/:contact', {
        params: { site: site.value, contact: member.contact },
      });
      const left = (members.value ?? []).filter((m) => m.contact !== member.contact);
      return { members: left, done: { kind: 'removed', contact: member.contact } };
    });

  return { site, members, loadError, busy, error, done, load, chooseSite, add, changeRole, remove };
}
