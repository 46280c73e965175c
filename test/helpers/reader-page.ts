/**
 * Host pages for browser tests of the widget: the snippet on an article of another origin, and
 * browser profiles that start signed in, as a reader's on a return visit.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { HostSite, RunningPikir } from './servers.ts';

/** An article page on the host site with the snippet (plus `attrs` on its script tag). */
export function articlePage(
  host: HostSite,
  pikir: RunningPikir,
  path: string,
  attrs: string,
  extra = '',
): string {
  return host.page(
    path,
    `<!doctype html><html lang="ru"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Статья</title></head>
    <body><h1>Статья</h1><div id="comments">${extra}</div>
    <script src="${pikir.url}/embed.js" data-site="news" ${attrs} async></script></body></html>`,
  );
}

/**
 * A browser profile; with `token`, the reader's session is in the site's localStorage before the
 * first page loads (once: a later sign-out is not undone by the next navigation).
 */
export async function readerContext(
  browser: Browser,
  options: BrowserContextOptions & { token?: string; site?: string } = {},
): Promise<BrowserContext> {
  const { token, site = 'news', ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 900, height: 900 }, ...contextOptions });
  if (token) {
    await context.addInitScript(
      ([key, value]) => {
        if (sessionStorage.getItem('pikir-test:seeded')) return;
        sessionStorage.setItem('pikir-test:seeded', '1');
        localStorage.setItem(key, value);
      },
      [`pikir:session:${site}`, token] as const,
    );
  }
  return context;
}

/** Console errors and uncaught exceptions of a page, to expect none. */
export function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  return problems;
}
