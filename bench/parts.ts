/** What `npm run bench` and `npm run bench:compare` share: readers, servers and paced loads. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../server/storage/db.ts';

export const SITE = 'news';
export const ORIGIN = 'https://news.example.kz';

export interface Reader {
  token: string;
  ip: string;
}

/** The database `npm run bench` seeds and later runs reuse (--quick: a tenth of it). */
export function seededDatabase(root: string, quick: boolean) {
  return {
    pages: quick ? 10_000 : 100_000,
    schema: quick ? 'pikir_bench_quick' : 'pikir_bench',
    sqliteFile: join(root, '.bench', quick ? 'pikir-quick.db' : 'pikir-1m.db'),
  };
}

/** One of the seeded pages (p0 … p<pages - 1>), as readers all over the site would pick them. */
export const randomPageKey = (pages: number) => `p${Math.floor(Math.random() * pages)}`;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Readers with sessions of the site, made in the database (no sign-in flow). */
export async function makeReaders(url: string, schema: string | undefined, count: number): Promise<Reader[]> {
  const run = randomBytes(4).toString('hex');
  const now = Date.now();
  const readers = Array.from({ length: count }, (_, i) => ({
    id: `r${run}-${i}`,
    token: randomBytes(32).toString('base64url'),
    ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  }));
  const storage = createDb(url, schema ? { schema } : {});
  try {
    for (let i = 0; i < readers.length; i += 500) {
      const part = readers.slice(i, i + 500);
      await storage.db
        .insertInto('users')
        .values(part.map((r) => ({ id: r.id, display_name: `Автор ${r.id}`, created_at: now })))
        .execute();
      await storage.db
        .insertInto('sessions')
        .values(
          part.map((r) => ({
            token_hash: hashToken(r.token),
            user_id: r.id,
            site_id: SITE,
            created_at: now,
            last_seen_at: now,
          })),
        )
        .execute();
    }
  } finally {
    await storage.close();
  }
  return readers;
}

/** bench/server.ts of the checkout at `root`, in a process of its own; resolves once it listens. */
export async function startServer(root: string, argv: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/server.ts'), ...argv], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server ${argv[0]} did not start`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (String(d).includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`server ${argv[0]} exited with ${code}`)));
  });
  return child;
}

/** CPU time so far; the event loop's holds and GC pauses are counted from here (bench/server.ts). */
export async function cpuUs(port: number): Promise<number> {
  return (await serverStats(port, '?start')).us;
}

/** CPU time so far, and the event loop's longest hold and GC pause since the latest cpuUs. */
export async function serverStats(
  port: number,
  query = '',
): Promise<{ us: number; loopMaxMs: number; gcMaxMs: number }> {
  return (await (await fetch(`http://127.0.0.1:${port}/__bench/cpu${query}`)).json()) as {
    us: number;
    loopMaxMs: number;
    gcMaxMs: number;
  };
}

export interface Load {
  reqs: number;
  rps: number;
  p50: number;
  p99: number;
  cpu: number;
  statuses: Record<string, number>;
  errors: number;
  /** The event loop's longest hold since the latest load started (loads side by side: their window). */
  stallMs: number;
  /** The longest garbage collection pause meanwhile. */
  gcMs: number;
}

export interface PacedRequest {
  path: string;
  headers: Record<string, string>;
  method?: string;
  body?: string;
}

/**
 * Requests sent at an even pace (`rate` a second for `seconds`), each on its own schedule whether
 * or not earlier ones were answered, over keep-alive connections: latency as arriving readers see it.
 */
export async function paced(
  port: number,
  rate: number,
  seconds: number,
  request: () => PacedRequest,
): Promise<Load> {
  const http = await import('node:http');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const before = await cpuUs(port);
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let errors = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const { path, headers, method = 'GET', body } = request();
      const req = http.request(
        { host: '127.0.0.1', port, path, method, headers, agent, timeout: 20_000 },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - started);
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const total = rate * seconds;
  const startedAt = performance.now();
  const sent: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = startedAt + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(one());
  }
  await Promise.all(sent);
  agent.destroy();
  const elapsed = (performance.now() - startedAt) / 1000;
  const after = await serverStats(port);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    reqs: latencies.length,
    rps: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    cpu: latencies.length ? (after.us - before) / latencies.length : 0,
    statuses,
    errors,
    stallMs: after.loopMaxMs,
    gcMs: after.gcMaxMs,
  };
}

/** A new comment by `who` on `page`, as the widget sends it. */
export function postRequest(who: Reader, page: string, text: string): PacedRequest {
  return {
    method: 'POST',
    path: `/api/sites/${SITE}/comments`,
    headers: {
      Origin: ORIGIN,
      'Content-Type': 'application/json',
      Authorization: `Bearer ${who.token}`,
      'X-Forwarded-For': who.ip,
    },
    body: JSON.stringify({ page, title: `Статья ${page}`, url: `${ORIGIN}/${page}`, text }),
  };
}

/**
 * REF (a commit or a branch) in a temporary git worktree, with this checkout's dependencies, for
 * the benchmarks that run it beside this checkout; `prepare` (linking or building its widget) runs
 * in it. `remove` takes it away again, as does a REF that cannot be checked out or prepared.
 */
export function checkOut(root: string, ref: string, prepare: (path: string) => void) {
  const path = mkdtempSync(join(tmpdir(), 'pikir-bench-ref-'));
  const remove = () => {
    rmSync(path, { recursive: true, force: true });
    // The worktree's entry in this repository, now that its directory is gone.
    execFileSync('git', ['worktree', 'prune'], { cwd: root, stdio: 'ignore' });
  };
  try {
    execFileSync('git', ['worktree', 'add', '--detach', path, ref], { cwd: root, stdio: 'pipe' });
    symlinkSync(join(root, 'node_modules'), join(path, 'node_modules'));
    prepare(path);
  } catch (error) {
    remove();
    throw error;
  }
  return { path, remove };
}
