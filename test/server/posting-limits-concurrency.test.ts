/**
 * The per-network and per-reader posting and complaint limits hold exactly when the requests
 * arrive all at once: on each engine, and on two app instances with pools of their own sharing
 * one PostgreSQL database. Figures are printed for the closing note of issue 9.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  COMMENTS_PER_HOUR_PER_IP,
  COMPLAINTS_PER_HOUR,
  COMPLAINTS_PER_HOUR_PER_IP,
} from '../../server/auth/posting-limits.ts';
import type { Storage } from '../../server/storage/db.ts';
import { posted, type Reader, signedIn, widget } from '../helpers/api.ts';
import { engines, openPostgresInstances } from '../helpers/engines.ts';
import { type TestApp, testApp } from '../helpers/test-app.ts';

const NETWORK = '198.51.100.9';

/** Sends every request at once; the statuses, counted. */
async function burst(requests: (Response | Promise<Response>)[]): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  for (const response of await Promise.all(requests)) {
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    await response.body?.cancel();
  }
  return statuses;
}

async function readers(t: TestApp, count: number): Promise<Reader[]> {
  const list: Reader[] = [];
  for (let i = 0; i < count; i++) list.push(await signedIn(t, `Reader ${i}`));
  return list;
}

// Hundreds of requests at once, each a few round trips to PostgreSQL.
describe.each(engines)(
  'posting limits under concurrency on $engine',
  { timeout: 60_000 },
  ({ engine, open }) => {
    let storage: Storage;
    afterEach(() => storage?.close());

    it(`accepts exactly ${COMMENTS_PER_HOUR_PER_IP} of 150 comments sent at once from one network`, async () => {
      storage = await open();
      const t = await testApp(storage);
      const many = await readers(t, 150);
      const statuses = await burst(many.map((r, i) => widget(t).post(r, { text: `comment ${i}` }, NETWORK)));
      console.log(
        `[limits] ${engine}, one instance: 150 comments from one network -> ${JSON.stringify(statuses)}`,
      );
      expect(statuses).toEqual({ 201: COMMENTS_PER_HOUR_PER_IP, 429: 150 - COMMENTS_PER_HOUR_PER_IP });
    });

    it(`accepts exactly ${COMPLAINTS_PER_HOUR_PER_IP} of 130 complaints sent at once from one network`, async () => {
      storage = await open();
      const t = await testApp(storage, { settings: { complaintThreshold: 1000 } });
      const author = await signedIn(t, 'Author');
      const id = await posted(await widget(t).post(author, { text: 'Reported' }, '192.0.2.1'));
      const many = await readers(t, 130);
      const statuses = await burst(many.map((r) => widget(t).report(r, id, { reason: 'spam' }, NETWORK)));
      console.log(
        `[limits] ${engine}, one instance: 130 complaints from one network -> ${JSON.stringify(statuses)}`,
      );
      expect(statuses).toEqual({ 201: COMPLAINTS_PER_HOUR_PER_IP, 429: 130 - COMPLAINTS_PER_HOUR_PER_IP });
    });

    it(`lets one reader file exactly ${COMPLAINTS_PER_HOUR} of 30 complaints sent at once`, async () => {
      storage = await open();
      const t = await testApp(storage, { settings: { complaintThreshold: 1000 } });
      const authors = await readers(t, 30);
      const ids: string[] = [];
      for (const [i, a] of authors.entries()) {
        ids.push(await posted(await widget(t).post(a, { text: `comment ${i}` }, `192.0.2.${i + 1}`)));
      }
      const reporter = await signedIn(t, 'Reporter');
      const statuses = await burst(
        ids.map((id, i) => widget(t).report(reporter, id, { reason: 'spam' }, `10.0.0.${i}`)),
      );
      console.log(
        `[limits] ${engine}, one instance: 30 complaints by one reader -> ${JSON.stringify(statuses)}`,
      );
      expect(statuses).toEqual({ 201: COMPLAINTS_PER_HOUR, 429: 30 - COMPLAINTS_PER_HOUR });
    });
  },
);

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'posting limits on two instances sharing PostgreSQL',
  { timeout: 60_000 },
  () => {
    let storages: Storage[] = [];
    // The first storage's close ends the other pool and drops the schema.
    afterEach(() => storages[0]?.close());

    async function twoApps() {
      storages = (await openPostgresInstances(2))!;
      const first = await testApp(storages[0]!, { settings: { complaintThreshold: 1000 } });
      const second = await testApp(storages[1]!, { settings: { complaintThreshold: 1000 } });
      return [first, second] as const;
    }

    it(`accepts exactly ${COMMENTS_PER_HOUR_PER_IP} of 150 comments from one network, alternating instances`, async () => {
      const apps = await twoApps();
      const many = await readers(apps[0], 150);
      const statuses = await burst(
        many.map((r, i) => widget(apps[i % 2]!).post(r, { text: `comment ${i}` }, NETWORK)),
      );
      console.log(
        `[limits] postgres, two instances: 150 comments from one network -> ${JSON.stringify(statuses)}`,
      );
      expect(statuses).toEqual({ 201: COMMENTS_PER_HOUR_PER_IP, 429: 150 - COMMENTS_PER_HOUR_PER_IP });
    });

    it(`accepts exactly ${COMPLAINTS_PER_HOUR_PER_IP} of 130 complaints from one network, and one of a reader's 20 posts`, async () => {
      const apps = await twoApps();
      const author = await signedIn(apps[0], 'Author');
      const id = await posted(await widget(apps[0]).post(author, { text: 'Reported' }, '192.0.2.1'));
      const many = await readers(apps[0], 130);
      const complaints = await burst(
        many.map((r, i) => widget(apps[i % 2]!).report(r, id, { reason: 'spam' }, NETWORK)),
      );
      console.log(
        `[limits] postgres, two instances: 130 complaints from one network -> ${JSON.stringify(complaints)}`,
      );
      expect(complaints).toEqual({ 201: COMPLAINTS_PER_HOUR_PER_IP, 429: 130 - COMPLAINTS_PER_HOUR_PER_IP });

      const reader = await signedIn(apps[0], 'Fast typist');
      const posts = await burst(
        Array.from({ length: 20 }, (_, i) =>
          widget(apps[i % 2]!).post(reader, { text: `post ${i}` }, `10.1.0.${i}`),
        ),
      );
      console.log(`[limits] postgres, two instances: 20 posts by one reader -> ${JSON.stringify(posts)}`);
      expect(posts).toEqual({ 201: 1, 429: 19 });
    });
  },
);
