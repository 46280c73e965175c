import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { AUTH_CHUNK, INTERACTIVE_CHUNK, LIVE_CHUNK, measureBundles } from '../scripts/bundle-size.ts';
import { buildWidget, isWidgetBuildStale } from '../scripts/widget-build.ts';
import { createSite } from '../server/storage/sites.ts';
import { linkify } from '../shared/linkify.ts';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../test/helpers/browser.ts';
import { seedComment, seedUser } from '../test/helpers/seed.ts';
import { type RunningPikir, startHostSite, startPikir } from '../test/helpers/servers.ts';
import { checkOut } from './parts.ts';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, against: { type: 'string' } },
});
const RUNS = Math.max(1, Math.min(20, Number(args.runs)));
const TOP = 20;
const REPLIES = 4;
const VISIT_TIMEOUT_MS = 15_000;
const SETTLE_MS = 1_000;
const MINUTE = 60_000;
/** What the host page logs once the first comment is in the DOM. */
const FIRST_COMMENT = 'pikir-bench: first comment';
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'v8',
  'v8.execute',
  'toplevel',
  'disabled-by-default-devtools.timeline',
];
/** Trace events that are JavaScript on the main thread: compiling, running, its microtasks and GC. */
const JS_EVENTS = new Set([
  'EvaluateScript',
  'v8.evaluateModule',
  'FunctionCall',
  'RunMicrotasks',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
  'EventDispatch',
  'v8.compile',
  'v8.compileModule',
  'V8.Execute',
  'v8.run',
  'MinorGC',
  'MajorGC',
]);

interface Side {
  name: string;
  pikir: RunningPikir;
  url: string;
  cold: Visit[];
  warm: Visit[];
}

interface Visit {
  scriptMs: number;
  scriptCpuMs: number;
  /** The part of scriptCpuMs before the first comment was on the page. */
  paintCpuMs: number;
  tasksMs: number;
  firstCommentMs: number;
  rendered: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));
if (!hasChromium) {
  console.error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium`);
  process.exit(1);
}
if (isWidgetBuildStale(root)) buildWidget(root);

const dir = mkdtempSync(join(tmpdir(), 'pikir-bench-browser-'));
const other = args.against ? checkOut(root, args.against, buildWidget) : undefined;
const sides: Side[] = [];
const [host, browser] = await Promise.all([startHostSite(), launchChromium()]).catch((error: unknown) => {
  other?.remove();
  throw error;
});
try {
  for (const [name, assets] of [
    ['this checkout', undefined],
    ...(other ? [[args.against!, join(other.path, 'dist')]] : []),
  ] as const) {
    const pikir = await startPikir({ database: join(dir, `${sides.length}.sqlite`), assets });
    sides.push({ name, pikir, url: '', cold: [], warm: [] });
    await seedThread(pikir);
    sides.at(-1)!.url = host.page(`/article-${sides.length}`, articlePage(pikir.url));
  }

  // With --against, the two take turns, the one going first alternating (an even number of runs,
  // so each goes first as often), so that the machine's drift falls on both alike.
  const runs = other ? RUNS + (RUNS % 2) : RUNS;
  for (let run = 0; run < runs; run++) {
    for (const side of run % 2 ? [...sides].reverse() : sides) {
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
      side.cold.push(await visit(context, side.url));
      side.warm.push(await visit(context, side.url));
      await context.close();
    }
  }

  console.log(`Chromium ${browser.version()}, ${runs} runs each, medians (min–max)`);
  console.log(
    `thread: ${TOP} top-level comments with ${REPLIES} replies each (${TOP * (1 + REPLIES)} comments)`,
  );
  for (const side of sides) {
    if (other) console.log(`${side.name}:`);
    console.log(`rendered comments: ${median(side.cold.map((v) => v.rendered))}`);
    for (const [name, visits] of [
      ['cold', side.cold],
      ['warm', side.warm],
    ] as const) {
      console.log(
        `${name.padEnd(5)} script ${figure(visits.map((v) => v.scriptMs))}  script cpu ${figure(visits.map((v) => v.scriptCpuMs))} (${figure(visits.map((v) => v.paintCpuMs))} before the first comment)  tasks ${figure(visits.map((v) => v.tasksMs))}  first comment ${figure(visits.map((v) => v.firstCommentMs))}`,
      );
    }
  }
  if (other) {
    const [mine, theirs] = sides as [Side, Side];
    const ratio = (pick: (side: Side) => Visit[], of: (v: Visit) => number) =>
      (median(pick(mine).map(of)) / median(pick(theirs).map(of))).toFixed(3);
    for (const [name, of] of [
      ['script cpu', (v: Visit) => v.scriptCpuMs],
      ['before the first comment', (v: Visit) => v.paintCpuMs],
    ] as const) {
      console.log(
        `${name}, this checkout / ${theirs.name}: cold ${ratio((s) => s.cold, of)}, warm ${ratio((s) => s.warm, of)} (ratio of medians)`,
      );
    }
  }
  console.log('goal: script <= 50 ms for the 100-comment first render');
  console.log(
    `linkify, a 5,000-character hostile comment: ${hostileLinkify()} (goal <= 2 ms; Node, same V8)`,
  );

  console.log('\ngzip sizes (dist/):');
  const sizes = measureBundles(join(root, 'dist'));
  for (const line of sizes.filter((l) => l.name.startsWith('reading path'))) {
    console.log(`  ${line.name.padEnd(22)} ${kb(line.gzip)} KB, embed.js included`);
  }
  const auth = sizes.find((l) => l.name === `lazy ${AUTH_CHUNK}`)!;
  console.log(`  ${'account flows'.padEnd(22)} ${kb(auth.gzip)} KB`);
  for (const line of sizes.filter((l) => l.name.startsWith('lazy') && l !== auth)) {
    const inView = [INTERACTIVE_CHUNK, LIVE_CHUNK].some((key) => line.name === `lazy ${key}`);
    const when = inView ? 'when the thread is in view' : 'on click';
    console.log(`  ${line.name.slice(5).padEnd(22)} ${kb(line.gzip)} KB (${when})`);
  }
} finally {
  await browser.close();
  await Promise.all([...sides.map((side) => side.pikir.close()), host.close()]);
  rmSync(dir, { recursive: true, force: true });
  other?.remove();
}

/** The article on the host site, with the host's own watcher for the first comment. */
function articlePage(pikirUrl: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Статья</title></head>
<body><h1>Статья</h1><div id="comments"></div>
<script>
  (function watch() {
    var comment = document.querySelector('#comments')?.shadowRoot?.querySelector('.comment');
    if (!comment) return requestAnimationFrame(watch);
    window.__firstComment = performance.now();
    console.timeStamp('${FIRST_COMMENT}');
    console.debug('${FIRST_COMMENT}');
  })();
</script>
<script src="${pikirUrl}/embed.js" data-site="news" data-page="article-100" data-lang="ru" async></script>
</body></html>`;
}

async function seedThread(pikir: RunningPikir) {
  const db = pikir.storage.db;
  await createSite(db, { id: 'news', name: 'News', origins: [host.url] }, Date.now());
  const authors = await Promise.all(
    ['Айгерим', 'Ерлан', 'Дана', 'Тимур', 'Алия'].map((n) => seedUser(db, n)),
  );
  const now = Date.now();
  const text = (i: number) =>
    `Комментарий ${i}: спасибо за материал, подробнее на https://kase.kz/ru/news/${i} и в отчёте.\n` +
    'Вторая строка, чтобы текст был похож на настоящий, с цифрами 2026 и знаками препинания.';
  for (let t = 0; t < TOP; t++) {
    const top = await seedComment(db, {
      siteId: 'news',
      pageKey: 'article-100',
      authorId: authors[t % authors.length]!,
      text: text(t),
      at: now - (200 - t) * MINUTE,
    });
    for (let r = 0; r < REPLIES; r++) {
      await seedComment(db, {
        siteId: 'news',
        pageKey: 'article-100',
        authorId: authors[(t + r + 1) % authors.length]!,
        parentId: top,
        text: text(t * 10 + r),
        at: now - (100 - t - r) * MINUTE,
      });
    }
  }
}

async function visit(context: BrowserContext, url: string): Promise<Visit> {
  const page = await context.newPage();
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const firstComment = page.waitForEvent('console', {
    predicate: (message) => message.text() === FIRST_COMMENT,
    timeout: VISIT_TIMEOUT_MS,
  });
  await page.goto(url);
  await firstComment;
  await page.waitForLoadState('networkidle', { timeout: VISIT_TIMEOUT_MS });
  await page.waitForTimeout(SETTLE_MS);
  const raw = (await browser.stopTracing()).toString('utf8');
  // TRACE_DUMP=/tmp/trace writes each visit's trace, to open in DevTools' Performance panel.
  if (process.env.TRACE_DUMP) writeFileSync(`${process.env.TRACE_DUMP}-${Date.now()}.json`, raw);
  const trace = JSON.parse(raw) as { traceEvents: TraceEvent[] };
  const { firstCommentMs, rendered } = await page.evaluate(() => ({
    firstCommentMs: (window as { __firstComment?: number }).__firstComment ?? Number.NaN,
    rendered: document.querySelector('#comments')?.shadowRoot?.querySelectorAll('.comment').length ?? 0,
  }));
  await page.close();
  const main = mainThreads(trace.traceEvents, url);
  const onMain = trace.traceEvents.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const script = onMain.filter((e) => JS_EVENTS.has(e.name));
  const hostPage = script.filter(
    (e) => (e.name === 'EvaluateScript' || e.name === 'FunctionCall') && e.args?.data?.url === url,
  );
  // The host page's mark (console.timeStamp) when it saw the first comment.
  const painted = onMainMark(trace.traceEvents, main);
  const before = (events: TraceEvent[]) => events.filter((e) => e.ts < painted);
  return {
    scriptMs: busy(script) - busy(hostPage),
    scriptCpuMs: threadTime(script) - threadTime(hostPage),
    paintCpuMs: threadTime(before(script)) - threadTime(before(hostPage)),
    tasksMs: busy(onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')),
    firstCommentMs,
    rendered,
  };
}

/** When the host page marked its first comment (NaN without the mark). */
function onMainMark(events: TraceEvent[], main: Set<string>): number {
  const mark = events.find(
    (e) => e.name === 'TimeStamp' && e.args?.data?.message === FIRST_COMMENT && main.has(`${e.pid}:${e.tid}`),
  );
  return mark?.ts ?? Number.NaN;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread time: the part of `dur` the thread was running on a core. */
  tdur?: number;
  args?: { name?: string; data?: { url?: string; processId?: number; message?: string } };
}

/**
 * The main thread of the renderer that shows the article (not those of the browser's own pages,
 * such as the omnibox popup, that a trace records as well).
 */
function mainThreads(events: TraceEvent[], url: string): Set<string> {
  const renderers = new Set(
    events
      .filter((e) => e.name === 'FrameCommittedInBrowser' && e.args?.data?.url === url)
      .map((e) => e.args!.data!.processId),
  );
  return new Set(
    events
      .filter(
        (e) =>
          e.ph === 'M' &&
          e.name === 'thread_name' &&
          e.args?.name === 'CrRendererMain' &&
          renderers.has(e.pid),
      )
      .map((e) => `${e.pid}:${e.tid}`),
  );
}

/** Milliseconds covered by the events' intervals (nested or overlapping ones counted once). */
function busy(events: TraceEvent[]): number {
  const spans = events.map((e) => [e.ts, e.ts + (e.dur ?? 0)] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [from, to] of spans) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total / 1000;
}

/** Thread milliseconds of the outermost events (those within another are part of its time). */
function threadTime(events: TraceEvent[]): number {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const e of sorted) {
    if (e.ts < end) continue;
    total += e.tdur ?? e.dur ?? 0;
    end = e.ts + (e.dur ?? 0);
  }
  return total / 1000;
}

function hostileLinkify(): string {
  const hostile = `https://a.kz/${'.'.repeat(4987)}a`;
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const start = performance.now();
    linkify(hostile);
    times.push(performance.now() - start);
  }
  return `${median(times).toFixed(2)} ms median of 21 (max ${Math.max(...times).toFixed(2)})`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function figure(values: number[]): string {
  const ms = (n: number) => n.toFixed(1);
  return `${ms(median(values)).padStart(6)} ms (${ms(Math.min(...values))}–${ms(Math.max(...values))})`;
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(2);
}
