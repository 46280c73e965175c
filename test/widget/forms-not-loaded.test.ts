// @vitest-environment happy-dom
import { expect, it, vi } from 'vitest';
import { readerDictionaries } from '../../shared/i18n/reader/dictionaries.ts';

// The on-click chunk does not come (the network, or a deploy that removed the old hashed files).
vi.mock('../../widget/app/components/thread/on-click.ts', () => {
  throw new TypeError('Failed to fetch dynamically imported module');
});
const { loadForms } = await import('../../widget/app/components/thread/forms.tsx');
const { failureText } = await import('../../widget/app/i18n.ts');
const { localeOf } = await import('../helpers/widget.tsx');

it('tells a reader whose click needed the on-click chunk that the server could not be reached', async () => {
  const failure = await loadForms().catch((error: unknown) => error);
  expect(failure).toMatchObject({ code: 'network' });
  // As "Показать ещё ответы", "Скрыть" and "Закрыть обсуждение" show it.
  expect(failureText(localeOf('ru'), failure)).toBe(readerDictionaries.ru.errors.network);
});
