/**
 * A generator of Disqus XML exports, shared by the import tests and `npm run bench:import`:
 * `threads` articles, then `posts` posts spread over them, as Disqus writes them (threads first,
 * HTML messages in CDATA, dsq:id attributes). Deterministic for a seed. About one post in three
 * is a reply (some to replies), one in fifty deleted and one in fifty spam; a quarter of the
 * authors are anonymous guests known by name and email only.
 */
import type { Writable } from 'node:stream';

export interface DisqusExportOptions {
  threads: number;
  posts: number;
  seed?: number;
}

/** What the generated export holds, for the tests' expectations. */
export interface DisqusExportFacts {
  threads: number;
  posts: number;
  spam: number;
  deleted: number;
  replies: number;
}

const WORDS = [
  'пікір',
  'новости',
  'экономика',
  'тенге',
  'Алматы',
  'курс',
  'согласен',
  'почему',
  'good',
  'point',
];

/** The export as chunks of text, written lazily: a 100,000-post export never sits in memory. */
export function* disqusExport(options: DisqusExportOptions, facts?: DisqusExportFacts): Generator<string> {
  let state = options.seed ?? 1;
  const random = () => {
    // mulberry32: small, fast and deterministic.
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const counts: DisqusExportFacts = {
    threads: options.threads,
    posts: options.posts,
    spam: 0,
    deleted: 0,
    replies: 0,
  };
  const start = Date.UTC(2019, 0, 1);

  yield '<?xml version="1.0" encoding="utf-8"?>\n';
  yield '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals" ';
  yield 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n';
  yield '<category dsq:id="1"><forum>news</forum><title>General</title><isDefault>true</isDefault></category>\n';
  for (let t = 1; t <= options.threads; t++) {
    yield `<thread dsq:id="${1000 + t}"><id>article-${t}</id><forum>news</forum><category dsq:id="1"/>`;
    yield `<link>https://news.example.kz/news/${t}</link><title>Статья №${t} &amp; «цитата»</title>`;
    yield `<message/><createdAt>${iso(start + t * 3600_000)}</createdAt>`;
    yield '<author><email>editor@news.example.kz</email><name>Редакция</name><isAnonymous>false</isAnonymous><username>editor</username></author>';
    yield '<ipAddress>127.0.0.1</ipAddress><isClosed>false</isClosed><isDeleted>false</isDeleted></thread>\n';
  }
  // The last posts of each thread, for replies (a reply answers one of the thread's recent posts).
  const recent = new Map<number, number[]>();
  for (let p = 1; p <= options.posts; p++) {
    const thread = 1 + Math.floor(random() * options.threads);
    const earlier = recent.get(thread) ?? [];
    const parent = earlier.length > 0 && random() < 0.35 ? pick(earlier) : null;
    const spam = random() < 0.02;
    const deleted = !spam && random() < 0.02;
    if (spam) counts.spam++;
    if (deleted) counts.deleted++;
    if (parent !== null) counts.replies++;
    const anonymous = random() < 0.25;
    const user = Math.floor(random() * 5000);
    const words = Array.from({ length: 3 + Math.floor(random() * 30) }, () => pick(WORDS)).join(' ');
    yield `<post dsq:id="${100000 + p}"><id/>`;
    yield `<message><![CDATA[<p>${words}</p><p>Ответ №${p} &lt;3 &amp; <a href="https://example.kz/${p}">ссылка</a></p>]]></message>`;
    yield `<createdAt>${iso(start + thread * 3600_000 + p * 1000)}</createdAt>`;
    yield `<isDeleted>${deleted}</isDeleted><isSpam>${spam}</isSpam>`;
    yield anonymous
      ? `<author><email>guest${user}@mail.example.kz</email><name>Гость ${user}</name><isAnonymous>true</isAnonymous></author>`
      : `<author><email>user${user}@mail.example.kz</email><name>Читатель ${user}</name><isAnonymous>false</isAnonymous><username>reader${user}</username></author>`;
    yield `<ipAddress>10.0.${user % 250}.${user % 200}</ipAddress><thread dsq:id="${1000 + thread}"/>`;
    if (parent !== null) yield `<parent dsq:id="${parent}"/>`;
    yield '</post>\n';
    if (!spam) {
      earlier.push(100000 + p);
      if (earlier.length > 5) earlier.shift();
      recent.set(thread, earlier);
    }
  }
  yield '</disqus>\n';
  if (facts) Object.assign(facts, counts);
}

/** Writes the export to `out`, waiting whenever it is full. */
export async function writeDisqusExport(
  out: Writable,
  options: DisqusExportOptions,
): Promise<DisqusExportFacts> {
  const facts: DisqusExportFacts = { threads: 0, posts: 0, spam: 0, deleted: 0, replies: 0 };
  let buffered = '';
  for (const chunk of disqusExport(options, facts)) {
    buffered += chunk;
    if (buffered.length < 65536) continue;
    if (!out.write(buffered)) await new Promise((resolve) => out.once('drain', resolve));
    buffered = '';
  }
  out.write(buffered);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return facts;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
