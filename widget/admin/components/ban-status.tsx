import type { BanView } from '../../../shared/api.ts';
import { fill } from '../../../shared/i18n/fill.ts';
import { dateText, useLocale } from '../i18n.ts';

/** The author's current ban on the site: until when, and the reason the author was shown. */
export function BanStatus({ ban }: { ban: BanView }) {
  const { lang, a } = useLocale();
  return (
    <span class="ban">
      {ban.until === null
        ? a.queue.bannedForever
        : fill(a.queue.bannedUntil, { date: dateText(ban.until, lang) })}
      {'. '}
      {fill(a.queue.banReason, { reason: ban.reason })}
    </span>
  );
}
