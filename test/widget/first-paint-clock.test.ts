// @vitest-environment happy-dom
/**
 * The mounted first paint (widget/app/main.ts) keeps its nodes while the reader has not yet used
 * the thread: "5 минут назад" is made true in place every half minute, and nothing else is drawn
 * anew, so a screen reader keeps its place and an alert is not put into the page again.
 */
import { afterEach, expect, it, vi } from 'vitest';
import type { ThreadPage } from '../../shared/api.ts';
import { mount } from '../../widget/app/main.ts';
import type { WidgetOptions } from '../../widget/app/options.ts';

const MINUTE = 60_000;

function page(createdAt: number): ThreadPage {
  return {
    page: 'a',
    config: { defaultCountry: 'KZ', smsCountries: ['KZ'], commentMaxLength: 5000 },
    total: 1,
    version: 1,
    nextCursor: null,
    comments: [
      {
        id: 'c1',
        parentId: null,
        author: { id: 'u1', name: 'Айгерим' },
        text: 'Первый',
        createdAt,
        editedAt: null,
        status: 'published',
        replies: [],
        replyCount: 0,
        repliesCursor: null,
      },
    ],
  };
}

let unmount = () => {};
afterEach(() => {
  unmount();
  vi.useRealTimers();
});

/** The widget mounted as embed.js mounts it, once `selector` is drawn. */
async function mounted(first: WidgetOptions['first'], selector: string) {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const options = {
    base: 'https://comments.example.kz',
    site: 'news',
    page: 'a',
    title: 'A',
    url: 'https://news.example.kz/a',
    lang: 'ru',
    first,
  };
  unmount = mount(root, options);
  await vi.waitFor(() => expect(root.querySelector(selector)).not.toBeNull());
  return root;
}

it('makes "5 минут назад" true in place, keeping every node of the comment', async () => {
  const root = await mounted({ ok: true, body: page(Date.now() - 5 * MINUTE) }, '#pikir-c1');
  const comment = root.querySelector('#pikir-c1')!;
  const time = comment.querySelector('time')!;
  expect(time.textContent).toBe('5 минут назад');
  vi.advanceTimersByTime(60_000);
  expect(root.querySelector('#pikir-c1')).toBe(comment);
  expect(root.querySelector('time')).toBe(time);
  expect(time.textContent).toBe('6 минут назад');
});

it('does not put the alert of a thread that could not be loaded into the page again', async () => {
  const failed = {
    ok: false as const,
    body: { error: { code: 'internal' as const, message: 'Something went wrong.' } },
  };
  const root = await mounted(failed, '[role=alert]');
  const alert = root.querySelector('[role=alert]');
  vi.advanceTimersByTime(60_000);
  expect(root.querySelector('[role=alert]')).toBe(alert);
});
