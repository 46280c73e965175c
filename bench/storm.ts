/**
 * npm run bench:storm [-- --postgres URL] [--site-budget N] [--server-budget N] [--attack N]
 *
 * Replays an SMS-pumping storm against the real app, in process, on a clock the benchmark moves:
 * 20,000 code requests within an hour for 5,000 sequential Kazakh numbers (five number ranges) from
 * 1,000 addresses (744 IPv4 addresses in 62 /24s, and 256 IPv6 /64s of one /48), the attacker
 * solving every challenge it is given; interleaved with readers on other numbers and networks who
 * register and reset by phone and by email (and solve a challenge when asked), and 1,000 resets
 * for numbers that have no account (nothing is sent) from 20 addresses of their own.
 *
 * With --postgres (or TEST_DATABASE_URL) it runs on two app instances with pools of their own over
 * one PostgreSQL schema, requests alternating between them, 8 at a time; otherwise on SQLite.
 * Challenges are cheap to solve here (cost 1): the benchmark measures the limits, not PBKDF2.
 *
 * Prints: requests, SMS delivered against both budgets, the readers' success rates (phone until
 * the budget is spent, email), how often a challenge was asked, the server time of refusals
 * (p50/p99), and the order in which the limits tripped. Bounded: a fixed number of requests, and
 * it stops after 15 minutes of wall time whatever happened.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import pg from 'pg';
import { createApp } from '../server/app.ts';
import { noAssets } from '../server/assets.ts';
import { hashPassword } from '../server/auth/passwords.ts';
import { defaultSmsLimits } from '../server/config.ts';
import type { Delivery } from '../server/delivery/transport.ts';
import { createDb, migrate, type Storage } from '../server/storage/db.ts';
import { createSite } from '../server/storage/sites.ts';
import { insertUser } from '../server/storage/users.ts';
import type { PowChallenge } from '../shared/errors.ts';

const { values: args } = parseArgs({
  options: {
    postgres: { type: 'string' },
    'site-budget': { type: 'string', default: '500' },
    'server-budget': { type: 'string', default: String(defaultSmsLimits.serverDailyBudget) },
    attack: { type: 'string', default: '20000' },
  },
});
const PG_URL = args.postgres ?? process.env.TEST_DATABASE_URL;
const SITE_BUDGET = Number(args['site-budget']);
const SERVER_BUDGET = Number(args['server-budget']);
const ATTACK = Number(args.attack);
const HOUR = 3600_000;
const WALL_LIMIT_MS = 15 * 60_000;
const SITE = 'news';
const ORIGIN = 'https://news.example.kz';
const PASSWORD = 'Zq8vLm2kPx';
const START = Date.UTC(2026, 10, 24, 6, 0, 0);

type Who = 'attack' | 'phone' | 'email' | 'nothing';
type Path = 'register' | 'reset' | 'code/resend';

interface Planned {
  at: number;
  who: Who;
  path: Path;
  body: Record<string, unknown>;
  ip: string;
}

interface Outcome {
  who: Who;
  path: Path;
  status: number;
  ms: number;
  /** Whether a challenge was asked (and solved) on the way. */
  challenged: boolean;
  /** An SMS budget was spent when the request began. */
  afterBudget: boolean;
}

// ---- who sends what ---------------------------------------------------------------------------

const pick = <T>(items: T[], i: number) => items[i % items.length]!;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

const attackNumbers = Array.from({ length: 5000 }, (_, i) => `+7707100${pad(i, 4)}`);
const attackIps = [
  ...Array.from(
    { length: 744 },
    (_, i) => `185.${100 + Math.floor(i / 12 / 256)}.${Math.floor(i / 12) % 256}.${10 + (i % 12)}`,
  ),
  ...Array.from({ length: 256 }, (_, i) => `2a0e:97c0:3e0:${i.toString(16)}::${(i % 7) + 1}`),
];

function plan(): { events: Planned[]; phoneAccounts: string[]; emailAccounts: string[] } {
  const events: Planned[] = [];
  const at = (i: number, n: number) => Math.floor(((i + Math.random()) / n) * HOUR);
  for (let i = 0; i < ATTACK; i++) {
    const contact = pick(attackNumbers, i * 7919);
    const kind = i % 10;
    const path: Path = kind < 7 ? 'register' : kind < 9 ? 'code/resend' : 'reset';
    events.push({
      at: at(i, ATTACK),
      who: 'attack',
      path,
      body: phoneBody(path, contact),
      ip: pick(attackIps, i),
    });
  }
  // Readers: numbers in ranges of their own, one address each, in networks the storm does not use.
  const phoneAccounts = Array.from({ length: 60 }, (_, i) => `+7701${pad(200 + i, 3)}${pad(1000 + i, 4)}`);
  const emailAccounts = Array.from({ length: 100 }, (_, i) => `Reader.${i}@Mail.kz`);
  for (let i = 0; i < 300; i++) {
    const contact = `+7702${pad(i, 3)}${pad(4000 + i, 4)}`;
    events.push({
      at: at(i, 300),
      who: 'phone',
      path: 'register',
      body: phoneBody('register', contact),
      ip: `95.${56 + (i >> 8)}.${i & 255}.20`,
    });
  }
  for (let i = 0; i < phoneAccounts.length; i++) {
    events.push({
      at: at(i, 60),
      who: 'phone',
      path: 'reset',
      body: phoneBody('reset', phoneAccounts[i]!),
      ip: `95.57.${i}.20`,
    });
  }
  for (let i = 0; i < 200; i++) {
    const body = {
      channel: 'email',
      contact: `new.reader.${i}@mail.kz`,
      name: 'Читатель',
      password: PASSWORD,
      lang: 'ru',
    };
    events.push({ at: at(i, 200), who: 'email', path: 'register', body, ip: `95.58.${i}.20` });
  }
  for (let i = 0; i < emailAccounts.length; i++) {
    const body = { channel: 'email', contact: emailAccounts[i]!.toLowerCase(), lang: 'ru' };
    events.push({ at: at(i, 100), who: 'email', path: 'reset', body, ip: `95.59.${i}.20` });
  }
  // Resets for numbers without accounts: nothing is sent, and nobody else may be refused for them.
  for (let i = 0; i < 1000; i++) {
    const contact = `+7747${pad(i % 1000, 3)}${pad(i, 4)}`;
    events.push({
      at: at(i, 1000),
      who: 'nothing',
      path: 'reset',
      body: phoneBody('reset', contact),
      ip: `37.99.${i % 2}.${i % 10}`,
    });
  }
  events.sort((a, b) => a.at - b.at);
  return { events, phoneAccounts, emailAccounts };
}

function phoneBody(path: Path, contact: string): Record<string, unknown> {
  if (path === 'register') return { channel: 'phone', contact, name: 'Бот', password: PASSWORD, lang: 'ru' };
  if (path === 'reset') return { channel: 'phone', contact, lang: 'ru' };
  return { purpose: 'register', channel: 'phone', contact, lang: 'ru' };
}

// ---- the servers --------------------------------------------------------------------------------

let now = START;
const clock = { now: () => now };
const sent = { sms: { attack: 0, reader: 0 }, email: 0 };
const attackSet = new Set(attackNumbers);
const delivery: Delivery = {
  async sendSms(to) {
    if (attackSet.has(to)) sent.sms.attack += 1;
    else sent.sms.reader += 1;
  },
  async sendEmail() {
    sent.email += 1;
  },
};
const trips = new Map<string, number>();
const log = (line: string) => {
  for (const note of line.matchAll(/ (limit|hot|budget)=(\S+)/g)) {
    for (const one of note[2]!.split(',')) {
      const name = `${note[1]} ${one}`;
      if (!trips.has(name)) trips.set(name, now - START);
    }
  }
};

async function openStorages(): Promise<{
  storages: Storage[];
  engine: string;
  cleanup: () => Promise<void>;
}> {
  if (!PG_URL) {
    const storage = createDb(':memory:');
    await migrate(storage.db);
    return {
      storages: [storage],
      engine: 'SQLite (in memory), one instance',
      cleanup: () => storage.close(),
    };
  }
  const schema = `pikir_storm_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const storages = [createDb(PG_URL, { schema }), createDb(PG_URL, { schema })];
  await migrate(storages[0]!.db, schema);
  return {
    storages,
    engine: 'PostgreSQL, two instances (a pool each) on one schema',
    cleanup: async () => {
      for (const s of storages) await s.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

async function main() {
  const wallStart = performance.now();
  const { events, phoneAccounts, emailAccounts } = plan();
  const { storages, engine, cleanup } = await openStorages();
  const db = storages[0]!.db;
  await createSite(
    db,
    { id: SITE, name: 'News', origins: [ORIGIN], settings: { smsDailyBudget: SITE_BUDGET } },
    now,
  );
  const passwordHash = await hashPassword(PASSWORD);
  for (const [i, phone] of phoneAccounts.entries()) {
    await insertUser(db, { id: `p${i}`, displayName: 'Читатель', phone, passwordHash }, now);
  }
  for (const [i, email] of emailAccounts.entries()) {
    await insertUser(db, { id: `e${i}`, displayName: 'Читатель', email, passwordHash }, now);
  }
  const secret = randomBytes(32);
  const apps = storages.map((storage) =>
    createApp({
      db: storage.db,
      clock,
      assets: noAssets,
      publicUrl: 'https://comments.example.kz',
      log,
      delivery,
      secret,
      clientIp: (c) => c.req.header('x-bench-ip') ?? '0.0.0.0',
      admins: [],
      outbox: null,
      verifyLogin: async () => null,
      smsLimits: { ...defaultSmsLimits, serverDailyBudget: SERVER_BUDGET },
      challenge: { cost: 1, counterMax: 40, ttlMs: 10 * 60_000 },
    }),
  );

  const outcomes: Outcome[] = [];
  const refusalMs: number[] = [];
  /** CPU time of each refusal: with one request at a time it is the request's own cost, free of the
   *  machine's other load; with several in flight it is not separable, and only wall time is shown. */
  const refusalCpuMs: number[] = [];
  const challengeMs: number[] = [];
  let challenges = 0;
  let budgetSpentAt: number | null = null;

  async function send(event: Planned, n: number): Promise<void> {
    const app = apps[n % apps.length]!;
    const request = (body: Record<string, unknown>) => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      return Promise.resolve(
        app.request(`/api/sites/${SITE}/auth/${event.path}`, {
          method: 'POST',
          headers: { origin: ORIGIN, 'content-type': 'application/json', 'x-bench-ip': event.ip },
          body: JSON.stringify(body),
        }),
      ).then(async (response) => {
        const used = process.cpuUsage(cpu);
        return { response, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
      });
    };
    const afterBudget = budgetSpentAt !== null;
    let { response, ms, cpuMs } = await request(event.body);
    let challenged = false;
    if (response.status === 428) {
      challenges += 1;
      challengeMs.push(ms);
      challenged = true;
      const { challenge } = ((await response.json()) as { error: { challenge: PowChallenge } }).error;
      const solution = await solveChallenge({ challenge, deriveKey });
      const proof = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
      ({ response, ms, cpuMs } = await request({ ...event.body, proof }));
    }
    if (response.status === 429 || response.status === 503) {
      refusalMs.push(ms);
      refusalCpuMs.push(cpuMs);
    }
    if (response.status === 503 && budgetSpentAt === null) budgetSpentAt = now - START;
    await response.body?.cancel();
    outcomes.push({ who: event.who, path: event.path, status: response.status, ms, challenged, afterBudget });
  }

  const parallel = apps.length > 1 ? 8 : 1;
  for (let i = 0; i < events.length; i += parallel) {
    if (performance.now() - wallStart > WALL_LIMIT_MS) {
      console.log(`stopped after ${i} requests: the wall-time limit was reached`);
      break;
    }
    const batch = events.slice(i, i + parallel);
    now = START + batch[0]!.at;
    await Promise.all(batch.map((event, j) => send(event, i + j)));
  }

  const siteSms = await spentToday(db, `site:${SITE}`);
  const serverSms = await spentToday(db, 'server');
  await cleanup();
  report({
    engine,
    outcomes,
    refusalMs,
    refusalCpuMs: apps.length > 1 ? null : refusalCpuMs,
    challengeMs,
    challenges,
    budgetSpentAt,
    siteSms,
    serverSms,
    wallMs: performance.now() - wallStart,
  });
}

async function spentToday(db: Storage['db'], scope: string): Promise<number> {
  const rows = await db.selectFrom('sms_spend').select('sent').where('scope', '=', scope).execute();
  return rows.reduce((sum, r) => sum + Number(r.sent), 0);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function report(r: {
  engine: string;
  outcomes: Outcome[];
  refusalMs: number[];
  refusalCpuMs: number[] | null;
  challengeMs: number[];
  challenges: number;
  budgetSpentAt: number | null;
  siteSms: number;
  serverSms: number;
  wallMs: number;
}) {
  const of = (who: Who, filter: (o: Outcome) => boolean = () => true) =>
    r.outcomes.filter((o) => o.who === who && filter(o));
  const rate = (list: Outcome[]) =>
    list.length === 0
      ? 'n/a'
      : `${((100 * list.filter((o) => o.status === 202).length) / list.length).toFixed(1)} % (${list.filter((o) => o.status === 202).length}/${list.length})`;
  const minute = (ms: number) => `${(ms / 60_000).toFixed(1).padStart(5)} min`;
  const statuses = new Map<number, number>();
  for (const o of r.outcomes) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
  const lines = [
    `storm benchmark: ${r.engine}`,
    `requests: ${r.outcomes.length} (${ATTACK} storm, ${of('phone').length} phone readers, ${of('email').length} email readers, ${of('nothing').length} that send nothing), plus ${r.challenges} repeated with a proof`,
    `answers: ${[...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ')}`,
    `SMS delivered: ${r.siteSms} of the site's budget ${SITE_BUDGET}, ${r.serverSms} of the server's ${SERVER_BUDGET} (${sent.sms.attack} to the storm's numbers, ${sent.sms.reader} to readers); email: ${sent.email}`,
    `an SMS budget (the site's or the server's) was spent at: ${r.budgetSpentAt === null ? 'not within the hour' : minute(r.budgetSpentAt).trim()}`,
    `phone readers got their code: ${rate(of('phone', (o) => !o.afterBudget))} until the budget was spent; ${rate(of('phone'))} overall`,
    `  of them asked for a challenge: ${of('phone').filter((o) => o.challenged).length}`,
    `email readers: registration ${rate(of('email', (o) => o.path === 'register'))}, reset ${rate(of('email', (o) => o.path === 'reset'))}`,
    `requests that send nothing: ${rate(of('nothing'))} answered 202`,
    `storm requests: ${rate(of('attack'))} answered 202; challenged ${of('attack').filter((o) => o.challenged).length}`,
    `challenge rate: ${((100 * r.challenges) / r.outcomes.length).toFixed(1)} % of requests`,
    `refusal latency (server wall time, ${r.refusalMs.length} refusals): p50 ${percentile(r.refusalMs, 50).toFixed(2)} ms, p99 ${percentile(r.refusalMs, 99).toFixed(2)} ms`,
    ...(r.refusalCpuMs
      ? [
          `refusal cost (server CPU time): p50 ${percentile(r.refusalCpuMs, 50).toFixed(2)} ms, p99 ${percentile(r.refusalCpuMs, 99).toFixed(2)} ms`,
        ]
      : []),
    `challenge answers (${r.challengeMs.length}): p50 ${percentile(r.challengeMs, 50).toFixed(2)} ms, p99 ${percentile(r.challengeMs, 99).toFixed(2)} ms`,
    'limits in the order they tripped (minutes into the storm):',
    ...[...trips].sort(([, a], [, b]) => a - b).map(([name, at]) => `  ${minute(at)}  ${name}`),
    `wall time: ${(r.wallMs / 1000).toFixed(0)} s`,
  ];
  console.log(lines.join('\n'));
}

await main();
