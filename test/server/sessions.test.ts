import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_SESSION_IDLE_MS,
  ADMIN_SESSION_MAX_MS,
  createSession,
  hashToken,
  resolveSession,
  revokeSession,
  revokeUserSessions,
} from '../../server/auth/sessions.ts';
import type { Storage } from '../../server/storage/db.ts';
import { createSite } from '../../server/storage/sites.ts';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../shared/limits.ts';
import { fixedClock } from '../doubles/fixed-clock.ts';
import { engines } from '../helpers/engines.ts';
import { seedUser } from '../helpers/seed.ts';

describe.each(engines)('sessions on $engine', ({ open }) => {
  let storage: Storage;
  let userId: string;
  beforeEach(async () => {
    storage = await open();
    await createSite(storage.db, { id: 'a', name: 'A', origins: ['https://a.kz'] }, 0);
    await createSite(storage.db, { id: 'b', name: 'B', origins: ['https://b.kz'] }, 0);
    userId = await seedUser(storage.db, 'Ерлан');
  });
  afterEach(() => storage.close());

  it('stores only the hash of a long random token', async () => {
    const token = await createSession(storage.db, userId, 'a', 0);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const rows = await storage.db.selectFrom('sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('resolves the user on its own site only', async () => {
    const token = await createSession(storage.db, userId, 'a', 0);
    expect(await resolveSession(storage.db, token, 'a', 1)).toMatchObject({
      id: userId,
      displayName: 'Ерлан',
    });
    expect(await resolveSession(storage.db, token, 'b', 1)).toBeNull();
    expect(await resolveSession(storage.db, token, null, 1)).toBeNull();
    expect(await resolveSession(storage.db, `${token}x`, 'a', 1)).toBeNull();
  });

  it('ends after 30 idle days, but use keeps it alive', async () => {
    const token = await createSession(storage.db, userId, 'a', 0);
    const day = 24 * 3600_000;
    expect(await resolveSession(storage.db, token, 'a', 20 * day)).not.toBeNull();
    expect(await resolveSession(storage.db, token, 'a', 45 * day)).not.toBeNull();
    expect(await resolveSession(storage.db, token, 'a', 45 * day + SESSION_IDLE_MS + 1)).toBeNull();
    expect(await storage.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('ends 180 days after sign-in however often it is used', async () => {
    const clock = fixedClock(0);
    const token = await createSession(storage.db, userId, 'a', clock.now());
    const day = 24 * 3600_000;
    while (clock.now() + 20 * day <= SESSION_MAX_MS) {
      clock.advance(20 * day);
      expect(await resolveSession(storage.db, token, 'a', clock.now())).not.toBeNull();
    }
    clock.set(SESSION_MAX_MS + 1);
    expect(await resolveSession(storage.db, token, 'a', clock.now())).toBeNull();
    expect(await storage.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('ends an admin-panel session after 30 idle minutes or 12 hours in all', async () => {
    const minute = 60_000;
    const idle = await createSession(storage.db, userId, null, 0);
    expect(await resolveSession(storage.db, idle, null, 29 * minute)).not.toBeNull();
    expect(await resolveSession(storage.db, idle, null, 29 * minute + ADMIN_SESSION_IDLE_MS + 1)).toBeNull();
    const busy = await createSession(storage.db, userId, null, 0);
    for (let t = 20 * minute; t < ADMIN_SESSION_MAX_MS; t += 20 * minute) {
      expect(await resolveSession(storage.db, busy, null, t)).not.toBeNull();
    }
    expect(await resolveSession(storage.db, busy, null, ADMIN_SESSION_MAX_MS + minute)).toBeNull();
  });

  it('ends one session on sign-out and all of them on demand', async () => {
    const one = await createSession(storage.db, userId, 'a', 0);
    const two = await createSession(storage.db, userId, 'b', 0);
    await revokeSession(storage.db, one);
    expect(await resolveSession(storage.db, one, 'a', 1)).toBeNull();
    expect(await resolveSession(storage.db, two, 'b', 1)).not.toBeNull();
    await revokeUserSessions(storage.db, userId);
    expect(await resolveSession(storage.db, two, 'b', 1)).toBeNull();
  });
});
