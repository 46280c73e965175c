import { datesFor } from '../../../../shared/time.ts';
import { useLocale } from '../../i18n.ts';

/** "5 минут назад", with the full date on hover and in the machine-readable attribute. */
export function TimeAgo({ at, now }: { at: number; now: number }) {
  const { lang, t } = useLocale();
  const dates = datesFor(lang, t.time);
  return (
    <time dateTime={new Date(at).toISOString()} title={dates.full(at)}>
      {dates.relative(at, now)}
    </time>
  );
}
