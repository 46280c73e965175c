/**
 * The admin page's entry module (server/routes/admin-page.ts loads it). The stylesheet is built
 * into its own CSS file that the page links: the page's CSP allows no inline styles.
 */
import './styles.css';
import { pickLanguage } from './i18n.ts';
import { mountAdmin } from './mount.tsx';

const root = document.getElementById('pikir-admin');
if (root) mountAdmin(root, { lang: pickLanguage(location.search, document.documentElement.lang) });
