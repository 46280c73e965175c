import { useState } from 'preact/hooks';
import type { AdminSite, SiteRole, TeamMember } from '../../../shared/api.ts';
import { fill } from '../../../shared/i18n/fill.ts';
import { siteRoles } from '../../../shared/vocabulary.ts';
import { errorText } from '../../ui/error-text.ts';
import { dateText, useLocale } from '../i18n.ts';
import type { TeamDone, TeamStore } from '../state/team.ts';
import { SiteSelect } from './site-select.tsx';

/** The "Команда" page, for a site's admins: its moderators and admins, roles, adding, removing. */
export function Team({ store, sites }: { store: TeamStore; sites: AdminSite[] }) {
  const { t, a } = useLocale();
  const members = store.members.value;
  const done = store.done.value;
  return (
    <>
      <section class="filters" aria-label={a.filters.label}>
        <SiteSelect
          id="pikir-admin-team-site"
          sites={sites}
          value={store.site.value}
          onChange={(site) => void store.chooseSite(site)}
        />
      </section>
      <p class="muted">{a.team.intro}</p>
      {done && (
        <p class="done" role="status">
          {doneText(done, a)}
        </p>
      )}
      {store.error.value && (
        <p class="error" role="alert">
          {errorText(t, store.error.value)}
        </p>
      )}
      {store.loadError.value ? (
        <div class="card form" role="alert">
          <p class="error">{a.team.loadFailed}</p>
          <button type="button" class="button secondary" onClick={() => void store.load()}>
            {a.retry}
          </button>
        </div>
      ) : !members ? (
        <p class="page-status" role="status">
          {a.loading}
        </p>
      ) : (
        <>
          {members.length === 0 ? (
            <p class="empty">{a.team.empty}</p>
          ) : (
            <ul class="bans team">
              {members.map((member) => (
                <Member key={member.contact} member={member} store={store} />
              ))}
            </ul>
          )}
          <AddMember store={store} />
        </>
      )}
    </>
  );
}

function doneText(done: TeamDone, a: ReturnType<typeof useLocale>['a']): string {
  if (done.kind === 'changed')
    return fill(a.team.changed, { contact: done.contact, role: a.roles[done.role] });
  return fill(done.kind === 'added' ? a.team.addedDone : a.team.removed, { contact: done.contact });
}

function Member({ member, store }: { member: TeamMember; store: TeamStore }) {
  const { a, lang } = useLocale();
  const [confirming, setConfirming] = useState(false);
  const roleId = `pikir-admin-role-${member.contact.replace(/[^\w]/g, '_')}`;
  return (
    <li class="card">
      <dl class="facts">
        <div>
          <dt>{a.team.contact}</dt>
          <dd class="contact">{member.contact}</dd>
        </div>
        <div>
          <dt>{a.team.name}</dt>
          <dd class={member.name ? undefined : 'muted'}>{member.name ?? a.team.noAccount}</dd>
        </div>
        <div>
          <dt>{a.team.added}</dt>
          <dd>{dateText(member.addedAt, lang)}</dd>
        </div>
      </dl>
      <div class="field inline">
        <label for={roleId}>{fill(a.team.roleOf, { contact: member.contact })}</label>
        <select
          id={roleId}
          value={member.role}
          disabled={store.busy.value}
          onChange={(e) => void store.changeRole(member, e.currentTarget.value as SiteRole)}
        >
          {siteRoles.map((role) => (
            <option key={role} value={role}>
              {a.roles[role]}
            </option>
          ))}
        </select>
      </div>
      {confirming ? (
        <div class="confirm">
          <p role="alert">{fill(a.team.removeConfirm, { contact: member.contact })}</p>
          <button
            type="button"
            class="button danger small"
            disabled={store.busy.value}
            onClick={() => void store.remove(member).then(() => setConfirming(false))}
          >
            {a.team.removeYes}
          </button>{' '}
          <button type="button" class="button secondary small" onClick={() => setConfirming(false)}>
            {a.cancel}
          </button>
        </div>
      ) : (
        <button
          type="button"
          class="button secondary small"
          aria-label={fill(a.team.removeLabel, { contact: member.contact })}
          disabled={store.busy.value}
          onClick={() => setConfirming(true)}
        >
          {a.team.remove}
        </button>
      )}
    </li>
  );
}

function AddMember({ store }: { store: TeamStore }) {
  const { a } = useLocale();
  const [contact, setContact] = useState('');
  const [role, setRole] = useState<SiteRole>('moderator');
  const [missing, setMissing] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (contact.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    if (await store.add(contact.trim(), role)) setContact('');
  };
  return (
    <form class="card form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{a.team.addTitle}</h2>
      <div class="field">
        <label for="pikir-admin-team-contact">{a.team.contact}</label>
        <input
          id="pikir-admin-team-contact"
          type="text"
          autoComplete="off"
          value={contact}
          aria-invalid={missing ? 'true' : undefined}
          aria-describedby={missing ? 'pikir-admin-team-contact-error' : undefined}
          onInput={(e) => setContact(e.currentTarget.value)}
        />
        {missing && (
          <p id="pikir-admin-team-contact-error" class="error">
            {a.team.contactMissing}
          </p>
        )}
      </div>
      <div class="field">
        <label for="pikir-admin-team-role">{a.team.role}</label>
        <select
          id="pikir-admin-team-role"
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as SiteRole)}
        >
          {siteRoles.map((r) => (
            <option key={r} value={r}>
              {a.roles[r]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button" disabled={store.busy.value}>
        {a.team.add}
      </button>
    </form>
  );
}
