import type { AdminSite } from '../../../shared/api.ts';
import { useLocale } from '../i18n.ts';

/**
 * The sites this admin moderates; with `all`, first "Все сайты" (the value ""). The server checks
 * the rights again on every request.
 */
export function SiteSelect({
  id,
  sites,
  value,
  onChange,
  all = false,
}: {
  id: string;
  sites: AdminSite[];
  value: string;
  onChange: (site: string) => void;
  all?: boolean;
}) {
  const { a } = useLocale();
  return (
    <div class="field inline">
      <label for={id}>{a.filters.site}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {all && <option value="">{a.filters.allSites}</option>}
        {sites.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name || site.id}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The site's name as the panel shows it. */
export function siteName(sites: AdminSite[], id: string): string {
  const site = sites.find((s) => s.id === id);
  return site?.name || id;
}
