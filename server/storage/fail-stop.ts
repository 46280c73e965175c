/**
 * A failed fdatasync of SQLite's WAL ends the process at once, as PostgreSQL ends itself on a
 * failed fsync. Linux reports a failed write-back once and may drop the pages it could not
 * write, so a later sync that succeeds proves nothing about them; and the frames after them hang
 * on them (a recovery stops at the first frame that is not on disk), so acknowledging later
 * commits could lose them all. Going on in any way is unsafe: a checkpoint would copy frames the
 * page cache may no longer hold into the database, and closing the last connection checkpoints.
 *
 * SIGKILL is the one way out of Node that runs none of that: process.exit() runs the addons'
 * cleanup, and better-sqlite3's closes the database. The line goes to stderr synchronously, as
 * nothing asynchronous runs after it, and the stop comes whether or not it could be written. The
 * service manager starts Pikir again (Restart=on-failure) and SQLite recovers from what is on
 * disk; the writes of the failed sync were never acknowledged.
 */
import { writeSync } from 'node:fs';

export function stopOnFailedSync(file: string, error: unknown): never {
  const reason = error instanceof Error ? error.message : String(error);
  try {
    writeSync(
      2,
      `storage: the WAL of ${file} could not be synced to disk (${reason}); stopping at once, before ` +
        'anything more is acknowledged or checkpointed. Check the disk, then start Pikir again: ' +
        'SQLite recovers what is on disk.\n',
    );
  } catch {
    // stderr a full pipe (EAGAIN) or gone (EPIPE): the stop matters more than its line.
  }
  process.kill(process.pid, 'SIGKILL');
  // Not reached on Linux, where the kernel ends the process before kill() returns; abort() too
  // runs no cleanup.
  process.abort();
}
