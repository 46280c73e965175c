/**
 * Drives the admin panel in happy-dom the way a keyboard or mouse user would, against the real
 * server in memory, and sets up what the panel shows: accounts, reported comments.
 */
import { vi } from 'vitest';
import { addSiteAdmin } from '../../server/storage/admins.ts';
import { createSite } from '../../server/storage/sites.ts';
import type { ComplaintReason } from '../../shared/api.ts';
import type { Language } from '../../shared/i18n/index.ts';
import type { SiteRole } from '../../shared/vocabulary.ts';
import { adminLocaleOf } from '../../widget/admin/locales.ts';
import { mountAdmin } from '../../widget/admin/mount.tsx';
import { signedIn, widget } from './api.ts';
import { pageFetch } from './page-fetch.ts';
import { seedAccount, seedComment, seedUser } from './seed.ts';
import { inMemoryTestApp, ORIGIN, PUBLIC_URL, SITE, type TestAppOptions } from './test-app.ts';

export const SPORT = 'sport';
const SPORT_ORIGIN = 'https://sport.example.kz';
const HOUR = 3600_000;

/**
 * The real server in memory, reached from its own admin page, with two sites (news and sport)
 * where one complaint sends a comment to review.
 */
export async function panelServer(options: TestAppOptions = {}) {
  const settings = { complaintThreshold: 1, ...options.settings };
  const t = await inMemoryTestApp({ ...options, settings });
  await createSite(t.db, { id: SPORT, name: 'Спорт', origins: [SPORT_ORIGIN], settings }, t.clock.now());
  return { ...t, ...pageFetch(t.app, PUBLIC_URL) };
}

export type PanelServer = Awaited<ReturnType<typeof panelServer>>;

export interface PanelAccount {
  contact: string;
  name: string;
  password: string;
  /** The sites it moderates (the site_admins table). */
  sites: string[];
  /** Its role on each of them; admin when not given. */
  role?: SiteRole;
}

export const moderator: PanelAccount = {
  contact: '+77011234567',
  name: 'Айгерим Модератор',
  password: 'secret7',
  sites: [SITE, SPORT],
};

/** Creates the account and its admin rights; the panel's sign-in accepts its password. */
export async function addAccount(server: PanelServer, account: PanelAccount): Promise<string> {
  const id = await seedAccount(server.db, { contact: account.contact, name: account.name });
  for (const site of account.sites) await addSiteAdmin(server.db, site, account.contact, 0, account.role);
  server.logins.add(account.contact, account.password, id);
  return id;
}

/** The account signs in through the API, as on an earlier visit: the panel opens with its cookie. */
export async function signedInEarlier(server: PanelServer, account: PanelAccount): Promise<string> {
  const id = await addAccount(server, account);
  const response = await server.fetch('/admin/api/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Pikir-Admin': '1' },
    body: JSON.stringify({
      channel: account.contact.includes('@') ? 'email' : 'phone',
      contact: account.contact,
      password: account.password,
    }),
  });
  if (response.status !== 200) throw new Error(`sign-in refused: ${await response.text()}`);
  server.requests.length = 0;
  return id;
}

export interface Complaint {
  reason: ComplaintReason;
  details?: string;
  /** The reporter's name; each complaint comes from a new reader. */
  reporter?: string;
}

/**
 * A comment posted three hours ago and reported through the readers' API, a second after the
 * previous one (the queue's order is by age). Defaults: Ерлан on the site news, one spam complaint.
 */
export async function reportedComment(
  server: PanelServer,
  c: {
    text: string;
    site?: string;
    authorId?: string;
    page?: { key?: string; title?: string; url?: string };
    complaints?: Complaint[];
  },
): Promise<string> {
  const site = c.site ?? SITE;
  const id = await seedComment(server.db, {
    siteId: site,
    pageKey: c.page?.key ?? 'article-1',
    title: c.page?.title ?? 'Нацбанк сохранил базовую ставку',
    url: c.page?.url ?? 'https://news.example.kz/articles/1',
    authorId: c.authorId ?? (await seedUser(server.db, 'Ерлан')),
    text: c.text,
    at: server.clock.now() - 3 * HOUR,
  });
  const readers = widget(server, site, site === SPORT ? SPORT_ORIGIN : ORIGIN);
  for (const complaint of c.complaints ?? [{ reason: 'spam' }]) {
    server.clock.advance(1000);
    const reporter = await signedIn(server, complaint.reporter ?? 'Читатель', site);
    const { reason, details } = complaint;
    const response = await readers.report(reporter, id, details ? { reason, details } : { reason });
    if (response.status !== 201) throw new Error(`complaint refused: ${await response.text()}`);
  }
  server.clock.advance(1000);
  return id;
}

export function openPanel(server: PanelServer, lang: Language = 'ru') {
  document.body.innerHTML = '<div id="pikir-admin"></div>';
  const root = document.getElementById('pikir-admin')!;
  const unmount = mountAdmin(root, { locale: adminLocaleOf(lang), fetch: server.fetch });
  return { root, unmount };
}

/** Waits for a DOM state the app reaches asynchronously (fetches, re-renders). */
export const until = <T>(check: () => T) => vi.waitFor(check, { timeout: 2000, interval: 5 });

/**
 * What held the focus right after the commit that rendered `target()` (the first DOM change
 * after which it exists): effects of a later frame have not run yet, so a focus that moves only
 * then is caught, where polling might see it already moved.
 */
export function focusOnArrival(scope: Node, target: () => Element | null | undefined) {
  let focused: Element | null | undefined;
  const observer = new MutationObserver(() => {
    if (focused !== undefined || !target()) return;
    focused = document.activeElement;
    observer.disconnect();
  });
  observer.observe(scope, { childList: true, subtree: true, characterData: true });
  return {
    focused: () => focused,
    stop: () => observer.disconnect(),
  };
}

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
