// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readerDictionaries } from '../../shared/i18n/reader/dictionaries.ts';
import { dictionaryParts } from '../../shared/i18n/reader/parts.ts';
import { LocaleContext } from '../../widget/app/components/locale-context.ts';
import { LazyComposer, loadForms, WithForms } from '../../widget/app/components/thread/forms.tsx';
import type { Locale } from '../../widget/app/i18n.ts';
import { type Rendered, renderBeforeEffects, renderInShadow, settle } from '../helpers/widget.tsx';

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
    await settle();
    const [field, reply] = ui.$$<HTMLTextAreaElement>('form.composer textarea');
    expect(field).not.toBe(standIn);
    expect(field!.value).toBe('Первые слова');
    expect(ui.root.activeElement).toBe(field);
    expect(reply!.closest('.reply-form')).toBeTruthy();
    expect(ui.$$('[aria-busy="true"]')).toEqual([]);
    expect(ui.$$('button').map((b) => b.textContent)).toEqual(['Отправить', 'Отправить']);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("waits for the dictionary's texts only a click leads to when the widget has its reading part only", async () => {
    // As the built widget loads it: the report dialog's texts are not there yet.
    const locale: Locale = { lang: 'ru', t: structuredClone(dictionaryParts(readerDictionaries.ru).reading) };
    ui = await renderInShadow(
      <LocaleContext.Provider value={locale}>
        <WithForms>
          {({ ReportDialog }) => <ReportDialog onSend={async () => 'received'} onClose={() => {}} />}
        </WithForms>
      </LocaleContext.Provider>,
    );
    expect(ui.$('[aria-busy="true"]')).toBeTruthy();
    await act(async () => {
      await loadForms(locale);
    });
    await settle();
    expect(ui.$('h3').textContent).toBe(readerDictionaries.ru.report.title);
    expect(ui.$$('input[type="radio"]')).toHaveLength(
      Object.keys(readerDictionaries.ru.complaintReasons).length,
    );
  });
});

describe('the comment form taking over from the stand-in field', () => {
  it('has the focus in the same task that puts it on the page, so no keystroke lands between the two fields', async () => {
    const { Composer } = await loadForms();
    const { root, unmount } = renderBeforeEffects(
      <Composer max={5000} onSubmit={async () => {}} initial="Первые" autoFocus />,
    );
    const field = root.querySelector('textarea');
    expect(field).toBeTruthy();
    expect(root.activeElement).toBe(field);
    expect([field!.selectionStart, field!.selectionEnd]).toEqual([6, 6]);
    unmount();
  });
});

describe('the report dialog', () => {
  it('has its title focused in the same task that shows it, so an Esc pressed at once closes it', async () => {
    const { ReportDialog } = await loadForms();
    const { root, unmount } = renderBeforeEffects(
      <ReportDialog onSend={async () => 'received'} onClose={() => {}} />,
    );
    const title = root.querySelector('[role="dialog"] h3');
    expect(title).toBeTruthy();
    expect(root.activeElement).toBe(title);
    unmount();
  });
});
