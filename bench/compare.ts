/**
 * npm run bench:compare -- --against REF [--postgres URL] [--slices N]
 *
 * The posting path of this checkout against REF's (a commit or a branch), on the database that
 * `npm run bench` seeded (1,000,100 comments). Both servers run side by side, REF's from a
 * temporary git worktree, and take posts at 300 a second in turns of two seconds, the one going
 * first alternating, so that the machine's drift falls on both alike. Prints each one's server CPU
 * per post, the posts' p50 and p99 (medians over the turns), and the ratio of their CPU: on a
 * shared, noisy machine only figures from the same run compare.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  checkOut,
  type Load,
  makeReaders,
  paced,
  postRequest,
  randomPageKey,
  seededDatabase,
  startServer,
} from './parts.ts';

const { values: args } = parseArgs({
  options: {
    against: { type: 'string' },
    postgres: { type: 'string' },
    slices: { type: 'string', default: '8' },
    port: { type: 'string', default: '18321' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const RATE = 300;
const TURN_SECONDS = 2;
const WARM_POSTS = RATE;
const SLICES = Math.max(1, Math.min(30, Number(args.slices)));
const { pages: PAGES, schema: SCHEMA, sqliteFile: SQLITE_FILE } = seededDatabase(root, false);

async function seeded(): Promise<boolean> {
  if (!args.postgres) return existsSync(SQLITE_FILE);
  const client = new pg.Client({ connectionString: args.postgres });
  await client.connect();
  try {
    const { rows } = await client
      .query(`select count(*)::int as n from ${SCHEMA}.pages`)
      .catch(() => ({ rows: [] }));
    return rows[0]?.n === PAGES + 1;
  } finally {
    await client.end();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

async function main() {
  if (!args.against) throw new Error('say which checkout to compare with: --against REF');
  if (!(await seeded())) throw new Error('no seeded database: run `npm run bench` on this engine first');
  const dbUrl = args.postgres ?? SQLITE_FILE;
  const schema = args.postgres ? SCHEMA : undefined;
  // The same dependencies and built widget: only the server's code differs.
  const { path: other, remove } = checkOut(root, args.against, (path) =>
    symlinkSync(join(root, 'dist'), join(path, 'dist')),
  );
  const children: ChildProcess[] = [];
  const cleanUp = () => {
    for (const child of children) child.kill();
    remove();
  };
  const deadline = setTimeout(() => {
    console.error('comparison wall-time limit reached');
    cleanUp();
    process.exit(2);
  }, 10 * 60_000);
  try {
    const sides = [
      { name: 'this checkout', dir: root, port: Number(args.port), turns: [] as Load[] },
      { name: args.against, dir: other, port: Number(args.port) + 1, turns: [] as Load[] },
    ];
    const readers = await makeReaders(dbUrl, schema, 2 * (WARM_POSTS + SLICES * RATE * TURN_SECONDS));
    let next = 0;
    const post = () => {
      return postRequest(readers[next++]!, randomPageKey(PAGES), `Сравнение ${next}`);
    };
    for (const side of sides) {
      const argv = ['real', String(side.port), dbUrl, ...(schema ? [schema] : [])];
      children.push(await startServer(side.dir, argv));
    }
    for (const side of sides) await paced(side.port, RATE, WARM_POSTS / RATE, post);
    for (let turn = 0; turn < 2 * SLICES; turn++) {
      const side = sides[(turn + (turn >> 1)) % 2]!;
      side.turns.push(await paced(side.port, RATE, TURN_SECONDS, post));
    }
    const cpu = (turns: Load[]) =>
      turns.reduce((sum, t) => sum + t.cpu * t.reqs, 0) / turns.reduce((sum, t) => sum + t.reqs, 0);
    for (const side of sides) {
      const failed = side.turns.reduce((sum, t) => sum + t.reqs - (t.statuses['201'] ?? 0) + t.errors, 0);
      console.log(
        `${side.name.padEnd(24)} ${cpu(side.turns).toFixed(0).padStart(6)} µs CPU/post  p50 ${median(side.turns.map((t) => t.p50)).toFixed(1)} ms  p99 ${median(side.turns.map((t) => t.p99)).toFixed(1)} ms  (${SLICES} turns of ${RATE * TURN_SECONDS} posts, ${failed} not created)`,
      );
    }
    console.log(
      `CPU per post, this checkout / ${args.against}: ${(cpu(sides[0]!.turns) / cpu(sides[1]!.turns)).toFixed(3)}`,
    );
  } finally {
    clearTimeout(deadline);
    cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
