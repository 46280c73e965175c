/**
 * count.js: fills every element with a `data-pikir-count="PAGE-ID"` attribute with that page's
 * comment count, in batched requests. For article lists:
 *   <span data-pikir-count="https://news.example.kz/2024/05/article"></span>
 *   <script src="https://COMMENTS-HOST/count.js" data-site="SITE-ID" async></script>
 * window.pikirCounts() fills elements added later (single-page sites).
 */
const BATCH = 50;

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const site = script?.dataset.site;
  if (!script || !site) return console.error('[pikir]', 'count.js needs data-site');
  const base = new URL(script.src).origin;

  const fill = () => {
    const elements = [...document.querySelectorAll<HTMLElement>('[data-pikir-count]')];
    const pages = [...new Set(elements.map((el) => el.dataset.pikirCount).filter((p): p is string => !!p))];
    for (let i = 0; i < pages.length; i += BATCH) {
      const query = pages
        .slice(i, i + BATCH)
        .map((p) => `&page=${encodeURIComponent(p)}`)
        .join('');
      fetch(`${base}/api/counts?site=${encodeURIComponent(site)}${query}`)
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
  (window as Window & { pikirCounts?: () => void }).pikirCounts = fill;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fill, { once: true });
  else fill();
})();
