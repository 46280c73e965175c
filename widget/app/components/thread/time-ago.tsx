import { fullDate, relativeTime } from '../../../../shared/time.ts';
import { useLocale } from '../../i18n.ts';

/** "5 минут назад", with the full date on hover and in the machine-readable attribute. */
export function TimeAgo({ at, now }: { at: number; now: number }) {
  const { lang } = useLocale();
  return (
    <time dateTime={new Date(at).toISOString()} title={fullDate(at, lang)}>
      {relativeTime(at, now, lang)}
    </time>
  );
}
