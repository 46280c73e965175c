import type { ComplaintView } from '../../../shared/api.ts';
import { fill } from '../../../shared/i18n/fill.ts';
import { dateText, personName, useLocale } from '../i18n.ts';

/** Every complaint against the comment: the reason's label, the reader's own words, who and when. */
export function Complaints({ complaints }: { complaints: ComplaintView[] }) {
  const { lang, t, a } = useLocale();
  return (
    <ul class="complaints">
      {complaints.map((complaint, i) => (
        <li key={`${complaint.reporter.id}-${i}`} class="complaint">
          <strong class="reason">{t.complaintReasons[complaint.reason] ?? complaint.reason}</strong>{' '}
          <span class="muted">
            {fill(a.queue.reportedBy, {
              name: personName(complaint.reporter.name, a),
              date: dateText(complaint.createdAt, lang),
            })}
          </span>
          {complaint.details && <div class="text details">{complaint.details}</div>}
        </li>
      ))}
    </ul>
  );
}
