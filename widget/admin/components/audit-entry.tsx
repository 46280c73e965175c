import type { AuditEntry } from '../../../shared/api.ts';
import { fill } from '../../../shared/i18n/fill.ts';
import { dateText, useLocale } from '../i18n.ts';

/** One line of the audit log: who, what (and on which comment or user), when, why. */
export function AuditEntryView({ entry }: { entry: AuditEntry }) {
  const { lang, a } = useLocale();
  // A settings change: what changed, from what to what, is the entry's text; there is no "why".
  // So for a thread closed or reopened: the entry's text is the page.
  const setting = entry.action === 'settings' || entry.action === 'close' || entry.action === 'reopen';
  const target = setting
    ? entry.reason
    : entry.commentId
      ? fill(a.audit.comment, { id: entry.commentId })
      : entry.targetUserId
        ? fill(a.audit.user, { id: entry.targetUserId })
        : null;
  return (
    <dl class="entry">
      <div>
        <dt>{a.audit.when}</dt>
        <dd>
          <time dateTime={new Date(entry.createdAt).toISOString()}>{dateText(entry.createdAt, lang)}</time>
        </dd>
      </div>
      <div>
        <dt>{a.audit.who}</dt>
        <dd>{entry.actor.name}</dd>
      </div>
      <div>
        <dt>{a.audit.what}</dt>
        <dd>
          {a.audit.actions[entry.action]}
          {target && <span class="muted"> ({target})</span>}
        </dd>
      </div>
      {!setting && (
        <div>
          <dt>{a.audit.why}</dt>
          <dd class={entry.reason ? 'text' : 'muted'}>{entry.reason || a.audit.noReason}</dd>
        </div>
      )}
    </dl>
  );
}
