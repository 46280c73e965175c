import { datesFor } from '../../../../shared/time.ts';
import type { Locale } from '../../i18n.ts';

/**
 * "5 минут назад", with the full date on hover and in the machine-readable attribute. A function
 * its comment calls, not a component: a hundred comments render a hundred of them at once.
 */
export function timeAgo({ lang, t }: Locale, at: number, now: number) {
  const dates = datesFor(lang, t.time);
  return (
    <time dateTime={new Date(at).toISOString()} title={dates.full(at)}>
      {dates.relative(at, now)}
    </time>
  );
}
