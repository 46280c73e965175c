/**
 * count.js: fills every element with a `data-pikir-count="PAGE-ID"` attribute with that page's
 * comment count, in batched requests. For article lists:
 *   <span data-pikir-count="https://news.example.kz/2024/05/article"></span>
 *   <script src="https://COMMENTS-HOST/count.js" data-site="SITE-ID" async></script>
 * window.pikirCounts() fills elements added later (single-page sites).
 *
 * Right after the reader's own post the counts must not lag: the widget sends a `pikir:count`
 * event with its thread's new count (an element on the same page changes at once) and notes the
 * time under `pikir:fresh:<site>`; for a minute after that, requests carry it as `&fresh=`, a URL
 * the browser's minute-long HTTP cache has not seen.
 */
const BATCH = 50;
const FRESH_MS = 60_000;

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const site = script?.dataset.site;
  if (!script || !site) return console.error('[pikir]', 'count.js needs data-site');
  const base = new URL(script.src).origin;

  const fresh = () => {
    let at = 0;
    try {
      at = Number(localStorage.getItem(`pikir:fresh:${site}`)) || 0;
    } catch {
      // Storage blocked: the counts may be a minute old.
    }
    return Date.now() - at < FRESH_MS ? `&fresh=${at}` : '';
  };

  const fill = () => {
    const elements = [...document.querySelectorAll<HTMLElement>('[data-pikir-count]')];
    const pages = [...new Set(elements.map((el) => el.dataset.pikirCount).filter((p): p is string => !!p))];
    for (let i = 0; i < pages.length; i += BATCH) {
      const query = pages
        .slice(i, i + BATCH)
        .map((p) => `&page=${encodeURIComponent(p)}`)
        .join('');
      fetch(`${base}/api/counts?site=${encodeURIComponent(site)}${query}${fresh()}`)
        .then((response) => response.json())
        .then((body: { counts?: Record<string, number>; error?: { message: string } }) => {
          if (!body.counts) return console.error('[pikir]', body.error?.message);
          for (const el of elements) {
            const count = body.counts[el.dataset.pikirCount ?? ''];
            if (count !== undefined) el.textContent = String(count);
          }
        })
        .catch((error) => console.error('[pikir]', 'could not load comment counts', error));
    }
  };
  document.addEventListener('pikir:count', (event) => {
    const { detail } = event as CustomEvent<{ site: string; page: string; count: number }>;
    if (detail?.site !== site) return;
    for (const el of document.querySelectorAll<HTMLElement>('[data-pikir-count]')) {
      if (el.dataset.pikirCount === detail.page) el.textContent = String(detail.count);
    }
  });
  (window as Window & { pikirCounts?: () => void }).pikirCounts = fill;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fill, { once: true });
  else fill();
})();
