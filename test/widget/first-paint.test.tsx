// @vitest-environment happy-dom
/**
 * The first paint (widget/app/first-paint/thread-view.ts) draws exactly what the interactive
 * widget renders for a reader who is not signed in, so that Preact takes its nodes over without a
 * change: for every state a thread can be in, the two are compared node by node, and rendering the
 * widget over the first paint keeps its nodes.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommentView, ThreadComment, ThreadPage } from '../../shared/api.ts';
import { createApi, createRevoke } from '../../widget/app/api.ts';
import { App } from '../../widget/app/components/app.tsx';
import { threadView } from '../../widget/app/first-paint/thread-view.ts';
import type { WidgetOptions } from '../../widget/app/options.ts';
import { createTokenStore } from '../../widget/app/state/token.ts';
import { createWidgetStores } from '../../widget/app/state/widget.ts';
import { localeOf, MemoryStorage } from '../helpers/widget.tsx';

const NOW = Date.UTC(2026, 11, 4, 9, 0);
const URL = 'https://news.example.kz/a';

const view = (over: Partial<CommentView> & { id: string }): CommentView => ({
  parentId: null,
  author: { id: `u-${over.id}`, name: `Автор ${over.id}` },
  text: `Текст ${over.id}`,
  createdAt: NOW - 5 * 60_000,
  editedAt: null,
  status: 'published',
  ...over,
});
const top = (over: Partial<ThreadComment> & { id: string }): ThreadComment => ({
  ...view(over),
  replies: [],
  replyCount: 0,
  repliesCursor: null,
  ...over,
});

const comments: ThreadComment[] = [
  top({ id: 'p1', pinned: true, likes: 4, dislikes: 1, text: 'Смотрите https://example.kz/a?b=1 и далее.' }),
  top({
    id: 'p2',
    editedAt: NOW - 60_000,
    replies: [
      view({ id: 'r1', parentId: 'p2' }),
      view({ id: 'r2', parentId: 'p2', status: 'deleted', text: '' }),
    ],
    replyCount: 5,
    repliesCursor: 'cursor-p2',
  }),
  top({ id: 'p3', status: 'rejected', text: '' }),
  top({ id: 'p4', status: 'hidden' }),
  top({ id: 'p5', status: 'review', createdAt: NOW - 3 * 86_400_000 }),
  top({ id: 'p6', status: 'held' }),
  top({ id: 'p7', author: { id: 'gone', name: '', deleted: true }, text: 'строка\nвторая' }),
];

const page = (over: Partial<ThreadPage> = {}): ThreadPage => ({
  page: 'a',
  config: { defaultCountry: 'KZ', smsCountries: ['KZ'], commentMaxLength: 5000 },
  total: 9,
  version: 3,
  comments,
  nextCursor: null,
  ...over,
});

function stores(first: WidgetOptions['first'], order?: string) {
  const tokens = createTokenStore('news', new MemoryStorage());
  const api = createApi('https://comments.example.kz', { site: 'news', tokens: tokens.source });
  const revoke = createRevoke('https://comments.example.kz', { site: 'news' });
  const options = { site: 'news', page: 'a', title: 'A', url: URL, first, order };
  return { api, ...createWidgetStores(api, tokens, options, revoke) };
}
type Stores = ReturnType<typeof stores>;

/** The widget's own render of the stores, in a container of its own. */
async function rendered(s: Stores, lang: string) {
  const container = document.createElement('div');
  await act(() => {
    render(
      <App locale={localeOf(lang)} api={s.api} thread={s.thread} session={s.session} context={s.context} />,
      container,
    );
  });
  return container;
}

function painted(s: Stores, lang: string) {
  const container = document.createElement('div');
  container.append(
    threadView({ locale: localeOf(lang), thread: s.thread, session: s.session, url: URL, now: NOW }),
  );
  return container;
}

/** A node as markup with its attributes in order of name, text nodes joined as the page shows them. */
function canonical(node: Node): string {
  if (node.nodeType === 3) return (node as Text).data;
  const element = node as Element;
  const attributes = [...element.attributes]
    .map((a) => `${a.name}="${a.value}"`)
    .sort()
    .join(' ');
  const inner = [...element.childNodes].map(canonical).join('');
  return `<${element.localName}${attributes ? ` ${attributes}` : ''}>${inner}</${element.localName}>`;
}

const containers: HTMLElement[] = [];
afterEach(async () => {
  for (const container of containers.splice(0)) await act(() => render(null, container));
});

/** Both drawings of the same stores, compared; the widget then rendered over the first paint. */
async function compare(s: Stores, lang = 'ru') {
  // The widget counts "5 минут назад" from its own clock.
  const realNow = Date.now;
  Date.now = () => NOW;
  try {
    const want = await rendered(s, lang);
    const first = painted(s, lang);
    containers.push(want, first);
    expect(canonical(first)).toBe(canonical(want));
    const nodes = [...first.querySelectorAll('*')];
    await act(() => {
      render(
        <App locale={localeOf(lang)} api={s.api} thread={s.thread} session={s.session} context={s.context} />,
        first,
      );
    });
    expect(canonical(first)).toBe(canonical(want));
    // Preact took the drawn nodes over instead of drawing new ones.
    expect([...first.querySelectorAll('*')]).toEqual(nodes);
  } finally {
    Date.now = realNow;
  }
}

describe('the first paint', () => {
  it('draws every kind of comment as the widget renders it, in each language', async () => {
    for (const lang of ['ru', 'kk', 'en']) await compare(stores({ ok: true, body: page() }), lang);
  });

  it('draws the dislikes, the next page and the order the reader chose', async () => {
    const body = page({ config: { ...page().config, dislikes: true }, nextCursor: 'next' });
    await compare(stores({ ok: true, body }, 'best'));
  });

  it('draws a closed thread, with its buttons as the widget disables them', async () => {
    await compare(stores({ ok: true, body: page({ closed: true }) }));
  });

  it('draws an empty thread, and one of a single comment (no order to choose)', async () => {
    await compare(stores({ ok: true, body: page({ comments: [], total: 0 }) }));
    await compare(stores({ ok: true, body: page({ comments: comments.slice(0, 1), total: 1 }) }));
  });

  it('draws a thread that could not be loaded', async () => {
    await compare(
      stores({ ok: false, body: { error: { code: 'internal', message: 'Something went wrong.' } } }),
    );
  });

  it('draws new comments waiting behind their bar, a failed next page and a page on its way', async () => {
    const s = stores({ ok: true, body: page({ nextCursor: 'next' }) });
    s.thread.fresh.value = [top({ id: 'n1' }), top({ id: 'n2' })];
    s.thread.moreError.value = 'network';
    s.thread.loading.value = true;
    await compare(s);
  });

  it('draws no way in while a stored session is being checked', async () => {
    const s = stores({ ok: true, body: page() });
    s.session.restoring.value = true;
    await compare(s);
  });
});
