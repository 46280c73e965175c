/** Drives the admin panel in happy-dom the way a keyboard or mouse user would. */
import { vi } from 'vitest';
import type { Language } from '../../shared/i18n/index.ts';
import { mountAdmin } from '../../widget/admin/mount.tsx';
import type { FakeAdminApi } from '../doubles/admin-api.ts';

export function openPanel(api: FakeAdminApi, lang: Language = 'ru') {
  document.body.innerHTML = '<div id="pikir-admin"></div>';
  const root = document.getElementById('pikir-admin')!;
  const unmount = mountAdmin(root, { lang, fetch: api.fetch });
  return { root, unmount };
}

/** Waits for a DOM state the app reaches asynchronously (fetches, re-renders). */
export const until = <T>(check: () => T) => vi.waitFor(check, { timeout: 2000, interval: 5 });

/** A tick for Preact to re-render, as a real user's next keystroke or click would allow. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

export async function typeInto(field: Element | null, value: string) {
  if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) {
    throw new Error('not a text field');
  }
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await settle();
}

export async function choose(select: Element | null, value: string) {
  if (!(select instanceof HTMLSelectElement)) throw new Error('not a select');
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await settle();
}

/** The one button whose accessible text is exactly `name`, inside `scope`. */
export function button(scope: ParentNode, name: string): HTMLButtonElement {
  const found = [...scope.querySelectorAll('button')].filter((b) => b.textContent?.trim() === name);
  if (found.length !== 1) throw new Error(`${found.length} buttons named "${name}"`);
  return found[0]!;
}

/** The input a <label> with exactly this text points at. */
export function field(
  scope: ParentNode,
  label: string,
): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  const found = [...scope.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  const id = found?.getAttribute('for');
  const control = id ? scope.querySelector(`#${CSS.escape(id)}`) : found?.querySelector('input');
  if (!control) throw new Error(`no field labelled "${label}"`);
  return control as HTMLInputElement;
}

export function alerts(scope: ParentNode): string[] {
  return [...scope.querySelectorAll('[role="alert"]')].map((el) => el.textContent?.trim() ?? '');
}
