/**
 * npm run cli -- import disqus|wordpress|pikir FILE --site ID [--page-key url|id]
 *                 export --site ID FILE
 * Registered by ../cli.ts. The file is read as a stream (bounded memory for a 500 MB export);
 * a progress bar goes to stderr when stderr is a terminal. A second import of the same file adds
 * nothing. Page counters are recounted once per page the import touched.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';
import { getSite } from '../storage/sites.ts';
import { importDisqus, type PageKeyFrom } from './disqus.ts';
import { exportSite, importPikir } from './pikir-export.ts';
import { ImportError, type ImportSource } from './records.ts';
import { createImportSink, type ImportSink, type ImportStats } from './sink.ts';
import { importWordpress } from './wordpress.ts';

export interface TransferDeps {
  db: Kysely<Database>;
  now: number;
  out: (line: string) => void;
  /** Where the progress bar is drawn; only a TTY gets one. Default: none. */
  progress?: NodeJS.WriteStream;
}

export const transferUsage = `  import disqus|wordpress|pikir FILE --site ID [--page-key url|id]
  export --site ID FILE`;

/** The import or export command `argv` names; null when `argv` is another command; throws `usage` text on a bad one. */
export function parseTransferCommand(
  argv: string[],
  fail: (message: string) => Error,
): ((deps: TransferDeps) => Promise<void>) | null {
  if (argv[0] !== 'import' && argv[0] !== 'export') return null;
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw fail(`${(error as Error).message}\n${transferUsage}`);
  }
  const { values, positionals } = parsed;
  const site = values.site;
  if (!site) throw fail(`name the site: --site ID\n${transferUsage}`);
  const pageKey = values['page-key'] ?? 'url';
  if (pageKey !== 'url' && pageKey !== 'id') throw fail(`--page-key must be "url" or "id", not "${pageKey}"`);
  if (positionals[0] === 'export' && positionals.length === 2) {
    return (deps) => runExport(deps, site, positionals[1]!, fail);
  }
  const source = positionals[1];
  if (positionals[0] === 'import' && positionals.length === 3 && isSource(source)) {
    return (deps) => runImport(deps, { source, file: positionals[2]!, site, pageKey }, fail);
  }
  throw fail(transferUsage);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { site: { type: 'string' }, 'page-key': { type: 'string' } },
  });
}

function isSource(value: string | undefined): value is ImportSource {
  return value === 'disqus' || value === 'wordpress' || value === 'pikir';
}

interface ImportJob {
  source: ImportSource;
  file: string;
  site: string;
  pageKey: PageKeyFrom;
}

async function runImport(deps: TransferDeps, job: ImportJob, fail: (message: string) => Error) {
  const site = await getSite(deps.db, job.site);
  if (!site) throw fail(`no site "${job.site}"`);
  const size = fileSize(job.file, fail);
  const bar = progressBar(deps.progress, size);
  const onBytes = (bytes: number) => bar?.add(bytes);
  const sink = createImportSink(deps.db, site.id, job.source, deps.now);
  const input = createReadStream(job.file);
  try {
    if (job.source === 'disqus') await importDisqus(input, sink, { pageKey: job.pageKey, onBytes });
    else if (job.source === 'wordpress')
      await importWordpress(input, sink, { pageKey: job.pageKey, onBytes });
    else await importPikir(input, sink, { onBytes });
  } catch (error) {
    input.destroy();
    throw await settleAfter(error, job, sink, fail);
  } finally {
    bar?.stop();
  }
  const stats = await sink.finish();
  deps.out(`imported ${job.file} into "${job.site}": ${summary(stats)}`);
}

/**
 * The batches written before a file turned out broken are committed: they are finished as a whole
 * import is (replies linked, pages recounted, their versions bumped so that cached first pages and
 * ETags go stale), or readers would see them in some reads and not in others, under a wrong count.
 * Running the fixed file again adds only the rest.
 */
async function settleAfter(
  error: unknown,
  job: ImportJob,
  sink: ImportSink,
  fail: (message: string) => Error,
): Promise<unknown> {
  const finished = await sink.finish().then(
    (stats) => `written before it, and kept: ${summary(stats)} (a run of the fixed file adds the rest)`,
    (cause: Error) =>
      `what was written before it is not finished (${cause.message}): a run of the fixed file finishes it`,
  );
  if (!(error instanceof ImportError)) return error;
  return fail(`${job.file}: ${error.message}\n${finished}`);
}

function summary(stats: ImportStats): string {
  const skipped = Object.entries(stats.skipped)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
  return (
    `${stats.added} comments added, ${stats.alreadyThere} already there, ${stats.pages} new pages` +
    (skipped ? `; left out: ${skipped}` : '')
  );
}

async function runExport(deps: TransferDeps, siteId: string, file: string, fail: (message: string) => Error) {
  const site = await getSite(deps.db, siteId);
  if (!site) throw fail(`no site "${siteId}"`);
  const out = createWriteStream(file);
  const counts = await exportSite(deps.db, site.id, out, deps.now);
  out.end();
  await once(out, 'finish');
  deps.out(`exported "${site.id}" to ${file}: ${counts.pages} pages, ${counts.comments} comments`);
}

function fileSize(file: string, fail: (message: string) => Error): number {
  try {
    return statSync(file).size;
  } catch (error) {
    throw fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** A bar of bytes read, on a terminal only: a log file or a pipe gets just the summary line. */
function progressBar(stream: NodeJS.WriteStream | undefined, total: number) {
  if (!stream?.isTTY) return null;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'importing [{bar}] {percentage}% | {read} of {size} MB | {eta_formatted} left',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
  let read = 0;
  bar.start(total, 0, { read: mb(0), size: mb(total) });
  return {
    add(bytes: number) {
      read += bytes;
      bar.update(read, { read: mb(read) });
    },
    stop: () => bar.stop(),
  };
}
