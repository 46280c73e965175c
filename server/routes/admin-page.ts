import { Hono } from 'hono';
import { html } from 'hono/html';
import { adminDictionaries } from '../../shared/i18n/admin/dictionaries.ts';
import { defaultLanguage, isLanguage } from '../../shared/i18n/index.ts';
import type { Assets } from '../assets.ts';
import type { AppEnv } from '../http/env.ts';
import { FAVICON } from '../http/favicon.ts';
import { Refusal } from '../refusal.ts';

export const ADMIN_ENTRY = 'widget/admin/main.tsx';

/** The module of the panel's texts in one language (widget/admin/i18n.ts). */
export const adminTextsKey = (lang: string) => `widget/admin/texts/${lang}.ts`;

/**
 * Only this server's own files, no inline script or style, no plugins, no <base>, forms only to
 * itself, never framed: a stored comment that somehow became markup would still run nothing.
 */
export const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * GET /admin (and /admin/): the admin panel's HTML document. It only loads the hashed admin entry and its
 * stylesheet from the Vite manifest; everything else (session check, sign-in) is the app's work
 * against /admin/api. `?lang=kk|en` picks the language; Russian otherwise.
 */
export function adminPageRoutes(assets: Assets) {
  return new Hono<AppEnv>().on('GET', ['/admin', '/admin/'], (c) => {
    const entry = assets.entry(ADMIN_ENTRY);
    if (!entry) throw new Refusal('widget_not_built', 'The admin panel is not built: run `npm run build`.');
    const asked = c.req.query('lang');
    const lang = isLanguage(asked) ? asked : defaultLanguage;
    // The panel's texts in its language, a chunk the entry imports at start: fetched beside it.
    const texts = assets.entry(adminTextsKey(lang));
    const preload = [...entry.imports, ...(texts ? [texts.file, ...texts.imports] : [])];
    c.header('Content-Security-Policy', ADMIN_CSP);
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    // The page holds no data, but a cached copy could outlive a release's hashed file names.
    c.header('Cache-Control', 'no-store');
    return c.html(html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="color-scheme" content="light dark">
<title>${adminDictionaries[lang].title}</title>
<link rel="icon" href="${FAVICON}">
${entry.css.map((file) => html`<link rel="stylesheet" href="/${file}">\n`)}${[...new Set(preload)].map(
  (file) => html`<link rel="modulepreload" href="/${file}">\n`,
)}<script type="module" src="/${entry.file}"></script>
</head>
<body>
<div id="pikir-admin"></div>
</body>
</html>`);
  });
}
