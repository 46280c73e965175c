// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { activeBan, insertBan } from '../../server/storage/bans.ts';
import {
  button,
  choose,
  field,
  moderator,
  openPanel,
  type PanelServer,
  panelServer,
  SPORT,
  signedInEarlier,
  until,
} from '../helpers/admin-panel.ts';
import { seedUser } from '../helpers/seed.ts';
import { SITE } from '../helpers/test-app.ts';

let unmount: () => void = () => {};
afterEach(() => unmount());

const root = () => document.getElementById('pikir-admin')!;
const DAY = 24 * 3600_000;

async function openBans(server: PanelServer) {
  const panel = openPanel(server, 'ru');
  unmount = panel.unmount;
  await until(() => button(root(), 'Блокировки'));
  button(root(), 'Блокировки').click();
  await until(() => expect(root().querySelector('h1')?.textContent).toBe('Заблокированные читатели'));
}

describe('admin bans page', () => {
  it('lists the site’s bans and lets a reader back, site by site', async () => {
    const server = await panelServer();
    const adminId = await signedInEarlier(server, moderator);
    const now = server.clock.now();
    const spammer = await seedUser(server.db, 'Спамер');
    const troll = await seedUser(server.db, 'Тролль');
    const ban = (id: string, siteId: string, userId: string, until: number | null, reason: string) =>
      insertBan(server.db, { id, siteId, userId, until, reason, actorId: adminId }, now);
    await ban('b-1', SITE, spammer, now + DAY, 'спам');
    await ban('b-2', SITE, troll, null, 'оскорбления');
    await ban('b-3', SPORT, troll, null, 'на другом сайте');

    await openBans(server);
    await until(() => expect(root().querySelectorAll('ul.bans > li')).toHaveLength(2));
    const text = root().textContent ?? '';
    expect(text).toContain('Спамер');
    expect(text).toContain('спам');
    expect(text).toContain('Навсегда');
    expect(text).toContain('Айгерим Модератор');
    expect(text).not.toContain('на другом сайте');

    root().querySelector<HTMLButtonElement>('button[aria-label="Разблокировать Тролль"]')!.click();
    await until(() => expect(root().textContent).toContain('Тролль больше не заблокирован(а).'));
    expect(root().querySelectorAll('ul.bans > li')).toHaveLength(1);
    expect(await activeBan(server.db, SITE, troll, server.clock.now())).toBeNull();
    expect(await activeBan(server.db, SPORT, troll, server.clock.now())).not.toBeNull();

    await choose(field(root(), 'Сайт'), SPORT);
    await until(() => expect(root().textContent).toContain('на другом сайте'));
    expect(root().querySelectorAll('ul.bans > li')).toHaveLength(1);
  });

  it('says so when nobody is banned', async () => {
    const server = await panelServer();
    await signedInEarlier(server, moderator);
    await openBans(server);
    await until(() => expect(root().textContent).toContain('На этом сайте никто не заблокирован.'));
  });
});
