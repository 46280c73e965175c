// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LazyComposer, loadForms, WithForms } from '../../widget/app/components/thread/forms.tsx';
import { type Rendered, renderInShadow } from '../helpers/widget.tsx';

let ui: Rendered | undefined;
afterEach(async () => {
  await ui?.unmount();
  ui = undefined;
});

/** Until the on-click chunk arrives: the module's first load is this test's, never earlier. */
describe('the on-click forms before their chunk has loaded', () => {
  it('keeps what is typed into the stand-in field and hands it, focused, to the real form; a form opened by a click waits in a busy place', async () => {
    const onSubmit = vi.fn(async () => {});
    ui = await renderInShadow(
      <>
        <LazyComposer max={5000} onSubmit={onSubmit} />
        <div class="reply-form">
          <WithForms>{({ Composer }) => <Composer max={5000} onSubmit={onSubmit} />}</WithForms>
        </div>
      </>,
    );
    const standIn = ui.$<HTMLTextAreaElement>('textarea');
    expect(standIn.getAttribute('aria-label')).toBe('Ваш комментарий');
    expect(ui.$$('button')).toEqual([]);
    expect(ui.$('.reply-form [aria-busy="true"]').textContent).toBe('');
    await act(() => {
      standIn.focus();
      standIn.value = 'Первые слова';
      standIn.dispatchEvent(new InputEvent('input', { bubbles: true }));
    });

    await act(async () => {
      await loadForms();
    });
    const [field, reply] = ui.$$<HTMLTextAreaElement>('form.composer textarea');
    expect(field).not.toBe(standIn);
    expect(field!.value).toBe('Первые слова');
    expect(ui.root.activeElement).toBe(field);
    expect(reply!.closest('.reply-form')).toBeTruthy();
    expect(ui.$$('[aria-busy="true"]')).toEqual([]);
    expect(ui.$$('button').map((b) => b.textContent)).toEqual(['Отправить', 'Отправить']);
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
