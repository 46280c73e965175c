import type { AdminSite, AuditEntry } from '../../../shared/api.ts';
import type { AdminDictionary } from '../../../shared/i18n/admin/en.ts';
import { fill } from '../../../shared/i18n/fill.ts';
import { isSiteRole } from '../../../shared/vocabulary.ts';
import { dateText, personName, useLocale } from '../i18n.ts';
import { CommentLink } from './article-link.tsx';
import { siteName } from './site-select.tsx';

/**
 * One line of the audit log: who, what (and on which comment or user: the comment's text and a
 * link to it on its page), when, why; with several sites, on which.
 */
export function AuditEntryView({ entry, sites = [] }: { entry: AuditEntry; sites?: AdminSite[] }) {
  const { lang, a } = useLocale();
  // A settings change: what changed, from what to what, is the entry's text; there is no "why".
  // So for a thread closed or reopened: the entry's text is the page; for a team change, who and
  // their roles.
  const setting =
    entry.action === 'settings' ||
    entry.action === 'close' ||
    entry.action === 'reopen' ||
    entry.action === 'team';
  const target =
    entry.action === 'team'
      ? teamChangeText(entry.reason, a)
      : setting
        ? entry.reason
        : entry.comment
          ? null
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
      {sites.length > 1 && (
        <div>
          <dt>{a.audit.site}</dt>
          <dd>{siteName(sites, entry.site)}</dd>
        </div>
      )}
      <div>
        <dt>{a.audit.who}</dt>
        <dd>{personName(entry.actor.name, a)}</dd>
      </div>
      <div>
        <dt>{a.audit.what}</dt>
        <dd>
          {a.audit.actions[entry.action]}
          {target && <span class="muted"> ({target})</span>}
          {entry.comment && entry.commentId && (
            <>
              {entry.comment.text && <q class="text excerpt">{entry.comment.text}</q>}{' '}
              <CommentLink pageUrl={entry.comment.page.url} commentId={entry.commentId} />
            </>
          )}
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

/** "contact: moderator → admin" as the server writes it, with the roles in the panel's language. */
function teamChangeText(reason: string | null, a: AdminDictionary): string | null {
  const match = reason?.match(/^(.*): (\S+) → (\S+)$/);
  if (!match) return reason;
  const role = (value: string) => (isSiteRole(value) ? a.roles[value] : a.audit.offTeam);
  return fill(a.audit.teamChange, { contact: match[1]!, from: role(match[2]!), to: role(match[3]!) });
}
