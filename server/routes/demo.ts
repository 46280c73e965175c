import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../http/env.ts';
import { FAVICON } from '../http/favicon.ts';

export const DEMO_SITE_ID = 'demo';
export const DEMO_PAGE_KEY = 'demo-article';

/** GET /: a sample article with the snippet pasted under it, as a site owner would do. */
export function demoRoutes(publicUrl: string) {
  return new Hono<AppEnv>().get('/', (c) => {
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'",
    );
    return c.html(html`<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Нацбанк сохранил базовую ставку — Pikir demo</title>
<link rel="icon" href="${FAVICON}">
<style>
  body { margin: 0; font: 17px/1.6 Georgia, 'Times New Roman', serif; color: #1d1d1f; background: #fff; }
  header { border-bottom: 3px solid #0b4f8a; padding: 12px 20px; font: 700 20px system-ui, sans-serif; color: #0b4f8a; }
  main { max-width: 720px; margin: 0 auto; padding: 20px; }
  h1 { font: 700 30px/1.25 system-ui, sans-serif; }
  .lead { font-size: 19px; color: #333; }
  aside { margin-top: 40px; font: 15px system-ui, sans-serif; }
  aside li { margin: 6px 0; }
  .count { color: #666; margin-left: 6px; }
</style>
</head>
<body>
<header>Деловой портал · demo</header>
<main>
  <article>
    <h1>Нацбанк сохранил базовую ставку на уровне 14,25%</h1>
    <p class="lead">Регулятор сослался на замедление годовой инфляции и устойчивый спрос в экономике.</p>
    <p>Национальный банк Казахстана оставил базовую ставку без изменений. По оценке регулятора,
      инфляционное давление постепенно снижается, а курс тенге остаётся стабильным.</p>
    <p>Следующее решение по ставке будет объявлено в январе. Аналитики ожидают, что при сохранении
      текущих тенденций снижение ставки возможно уже в первом квартале.</p>
  </article>

  <div id="comments"></div>
  <script src="${publicUrl}/embed.js" data-site="${DEMO_SITE_ID}" data-page="${DEMO_PAGE_KEY}" async></script>

  <aside>
    <strong>Читайте также</strong>
    <ul>
      <li><a href="/">Нацбанк сохранил базовую ставку</a><span class="count">(<span data-pikir-count="${DEMO_PAGE_KEY}">…</span>)</span></li>
    </ul>
    <script src="${publicUrl}/count.js" data-site="${DEMO_SITE_ID}" async></script>
  </aside>
</main>
</body>
</html>`);
  });
}
