/**
 * npm run bench:import [-- --posts N] [--threads N] [--postgres URL]
 *
 * Generates a Disqus export of 100,000 posts over 2,000 threads (bench/disqus-export.ts) into a
 * temporary file, imports it with the CLI's own command into a fresh database (a SQLite file, or a
 * schema of its own in PostgreSQL), then imports it again. Prints the file's size, each run's wall
 * time and summary line, the process's peak RSS (the import streams: memory does not grow with the
 * export) and the pages' counters checked against a recount. Bounded: one file, two runs.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { runCli } from '../server/cli.ts';
import { randomId } from '../server/ids.ts';
import { createDb, migrate, type Storage } from '../server/storage/db.ts';
import { createSite } from '../server/storage/sites.ts';
import { writeDisqusExport } from './disqus-export.ts';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '100000' },
    threads: { type: 'string', default: '2000' },
    postgres: { type: 'string', default: process.env.TEST_DATABASE_URL },
  },
});
const posts = Number(values.posts);
const threads = Number(values.threads);

const dir = mkdtempSync(join(tmpdir(), 'pikir-bench-import-'));
const file = join(dir, 'disqus.xml');
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

try {
  let started = performance.now();
  const facts = await writeDisqusExport(createWriteStream(file), { threads, posts, seed: 7 });
  console.log(
    `export: ${posts} posts (${facts.replies} replies, ${facts.deleted} deleted, ${facts.spam} spam) over ${threads} threads, ${mb(statSync(file).size)}, written in ${seconds(started)}`,
  );
  const rssBefore = process.resourceUsage().maxRSS * 1024;

  const { storage, engine, drop } = await open(values.postgres);
  try {
    await createSite(
      storage.db,
      { id: 'news', name: 'News', origins: ['https://news.example.kz'] },
      Date.now(),
    );
    for (const run of ['first', 'second']) {
      started = performance.now();
      await runCli(['import', 'disqus', file, '--site', 'news'], {
        db: storage.db,
        now: Date.now(),
        secret: Buffer.alloc(32),
        out: (line) =>
          console.log(
            `${run} run (${engine}), ${seconds(started)}, peak RSS so far ${mb(process.resourceUsage().maxRSS * 1024)}: ${line}`,
          ),
      });
    }
    const wrong = await storage.db
      .selectFrom('pages as p')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('p.site_id', '=', 'news')
      .where((eb) =>
        eb(
          'p.comment_count',
          '!=',
          eb
            .selectFrom('comments as c')
            .leftJoin('comments as t', 't.id', 'c.parent_id')
            .select((cb) => cb.fn.countAll<number>().as('n'))
            .whereRef('c.page_key', '=', 'p.page_key')
            .where('c.site_id', '=', 'news')
            .where('c.status', '=', 'published')
            .where((cb) =>
              cb.or([cb('c.parent_id', 'is', null), cb('t.status', 'in', ['published', 'deleted'])]),
            ),
        ),
      )
      .executeTakeFirstOrThrow();
    console.log(`pages whose counter differs from a recount: ${Number(wrong.n)}`);
  } finally {
    await storage.close();
    await drop();
  }
  const rss = process.resourceUsage().maxRSS * 1024;
  console.log(
    `peak RSS: ${mb(rss)} (${mb(rssBefore)} before the imports; heap now ${mb(process.memoryUsage().heapUsed)})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

async function open(
  url: string | undefined,
): Promise<{ storage: Storage; engine: string; drop(): Promise<void> }> {
  if (!url) {
    const storage = createDb(join(dir, 'pikir.db'));
    await migrate(storage.db);
    return { storage, engine: 'SQLite', drop: async () => {} };
  }
  const schema = `pikir_import_bench_${randomId(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const admin = async (query: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(query).finally(() => client.end());
  };
  await admin(`create schema ${schema}`);
  const storage = createDb(url, { schema });
  await migrate(storage.db, schema);
  return { storage, engine: 'PostgreSQL', drop: () => admin(`drop schema ${schema} cascade`) };
}
