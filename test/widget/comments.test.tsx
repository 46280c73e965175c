// @vitest-environment happy-dom
import { signal } from '@preact/signals';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommentView, ThreadPage } from '../../shared/api.ts';
import { ApiFailure } from '../../shared/client.ts';
import type { WidgetApi } from '../../widget/app/api.ts';
import { Composer } from '../../widget/app/components/thread/composer.tsx';
import { Thread } from '../../widget/app/components/thread/thread.tsx';
import { ThreadContext } from '../../widget/app/components/thread/thread-context.ts';
import { createCommentActions } from '../../widget/app/state/comments.ts';
import { createThreadStore } from '../../widget/app/state/thread.ts';
import type { Viewer } from '../../widget/app/state/widget.ts';
import { button, click, type Rendered, renderInShadow, settle } from '../helpers/widget.tsx';

let ui: Rendered | undefined;
afterEach(async () => {
  await ui?.unmount();
  ui = undefined;
});

async function typeText(field: HTMLTextAreaElement, value: string) {
  await act(() => {
    field.value = value;
    field.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });
}

async function ctrlEnter(field: HTMLTextAreaElement) {
  await act(() => {
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
  });
  await settle();
}

describe('comment form', () => {
  it('sends with Ctrl+Enter and empties itself once the server took the text', async () => {
    const onSubmit = vi.fn(async () => {});
    ui = await renderInShadow(<Composer max={5000} onSubmit={onSubmit} />);
    const field = ui.$<HTMLTextAreaElement>('textarea');
    await typeText(field, 'Согласен с автором');
    await ctrlEnter(field);
    expect(onSubmit).toHaveBeenCalledWith('Согласен с автором');
    expect(field.value).toBe('');
  });

  it('keeps the typed text and says why when the send fails, with a ban’s end date', async () => {
    const until = Date.UTC(2026, 11, 1, 9, 30);
    const onSubmit = vi.fn(async () => {
      throw new ApiFailure('banned', { until, reason: 'спам' });
    });
    ui = await renderInShadow(<Composer max={5000} onSubmit={onSubmit} />);
    const field = ui.$<HTMLTextAreaElement>('textarea');
    await typeText(field, 'Ещё раз');
    await click(button(ui, 'Отправить'));
    expect(field.value).toBe('Ещё раз');
    const alert = ui.$('[role="alert"]').textContent ?? '';
    expect(alert).toMatch(/^Вы не можете оставлять комментарии на этом сайте до 1 декабря 2026/);
    expect(alert).toContain('Причина: спам');
  });

  it('counts the characters left near the limit and will not send past it', async () => {
    const onSubmit = vi.fn(async () => {});
    ui = await renderInShadow(<Composer max={10} onSubmit={onSubmit} />);
    const field = ui.$<HTMLTextAreaElement>('textarea');
    await typeText(field, 'abc');
    expect(ui.text()).not.toContain('Осталось символов');
    await typeText(field, '123456789');
    expect(ui.text()).toContain('Осталось символов: 1');
    await typeText(field, '123456789012');
    expect(ui.text()).toContain('Осталось символов: -2');
    expect(button(ui, 'Отправить').disabled).toBe(true);
    await ctrlEnter(field);
    expect(onSubmit).not.toHaveBeenCalled();
  });
});

describe('replies', () => {
  const now = Date.now();
  const view = (id: string, name: string, parentId: string | null, text: string): CommentView => ({
    id,
    parentId,
    author: { id: `u-${name}`, name },
    text,
    createdAt: now - 60_000,
    editedAt: null,
    status: 'published',
  });
  const first: ThreadPage = {
    page: 'a',
    config: { defaultCountry: 'KZ', commentMaxLength: 5000 },
    total: 2,
    comments: [{ ...view('c1', 'Айгерим', null, 'Первый'), replies: [view('r1', 'Ерлан', 'c1', 'Ответ')] }],
    nextCursor: null,
  };

  it('answers a reply under the top comment, starting with the name it answers, and shows it at once', async () => {
    const sent: unknown[] = [];
    const api: WidgetApi = {
      call: async (_key, ...args) => {
        const body = (args[0] as { body: { text: string; parentId: string } }).body;
        sent.push(body);
        return { comment: view('r2', 'Динара', body.parentId, body.text) } as never;
      },
    };
    const options = {
      site: 'news',
      page: 'a',
      title: 'A',
      url: 'https://a.kz/a',
      first: { ok: true as const, body: first },
    };
    const thread = createThreadStore(api, options);
    const context = {
      viewer: signal<Viewer | null>({ id: 'u-Динара', admin: false }),
      actions: createCommentActions(api, thread, options),
      requireSignIn: () => {},
    };
    ui = await renderInShadow(
      <ThreadContext.Provider value={context}>
        <Thread store={thread} />
      </ThreadContext.Provider>,
    );
    const reply = ui.$('#pikir-r1');
    const answer = [...reply.querySelectorAll('button')].find((b) => b.textContent === 'Ответить')!;
    await click(answer);
    const field = ui.$<HTMLTextAreaElement>('.reply-form textarea');
    expect(field.value).toBe('Ерлан, ');
    await typeText(field, 'Ерлан, согласна');
    await ctrlEnter(field);
    expect(sent).toEqual([
      { page: 'a', title: 'A', url: 'https://a.kz/a', text: 'Ерлан, согласна', parentId: 'c1' },
    ]);
    expect([...ui.$('#pikir-c1').querySelectorAll('.replies .text')].map((t) => t.textContent)).toEqual([
      'Ответ',
      'Ерлан, согласна',
    ]);
    expect(ui.$('.count').textContent).toBe('3');
  });

  it('asks a signed-out reader to sign in before replying or reporting', async () => {
    const requireSignIn = vi.fn();
    const api: WidgetApi = { call: vi.fn() };
    const options = {
      site: 'news',
      page: 'a',
      title: 'A',
      url: 'https://a.kz/a',
      first: { ok: true as const, body: first },
    };
    const thread = createThreadStore(api, options);
    const context = {
      viewer: signal<Viewer | null>(null),
      actions: createCommentActions(api, thread, options),
      requireSignIn,
    };
    ui = await renderInShadow(
      <ThreadContext.Provider value={context}>
        <Thread store={thread} />
      </ThreadContext.Provider>,
    );
    await click(button(ui, 'Пожаловаться'));
    expect(requireSignIn).toHaveBeenCalledTimes(1);
    expect(ui.$$('[role="dialog"]')).toHaveLength(0);
    expect(api.call).not.toHaveBeenCalled();
  });
});
