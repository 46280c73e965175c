/**
 * The admin page's entry module (server/routes/admin-page.ts loads it). The stylesheet is built
 * into its own CSS file that the page links: the page's CSP allows no inline styles.
 */
import './styles.css';
import { loadAdminLocale, pickLanguage } from './i18n.ts';
import { mountAdmin } from './mount.tsx';

const root = document.getElementById('pikir-admin');
if (root) {
  // The page preloads its language's texts beside this module (server/routes/admin-page.ts).
  const lang = pickLanguage(location.search, document.documentElement.lang);
  void loadAdminLocale(lang).then((locale) => mountAdmin(root, { locale }));
}
