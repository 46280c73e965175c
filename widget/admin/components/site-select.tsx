import type { AdminSite } from '../../../shared/api.ts';
import { useLocale } from '../i18n.ts';

/** The sites this admin moderates; the server checks the rights again on every request. */
export function SiteSelect({
  id,
  sites,
  value,
  onChange,
}: {
  id: string;
  sites: AdminSite[];
  value: string;
  onChange: (site: string) => void;
}) {
  const { a } = useLocale();
  return (
    <div class="field inline">
      <label for={id}>{a.filters.site}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {sites.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name || site.id}
          </option>
        ))}
      </select>
    </div>
  );
}
