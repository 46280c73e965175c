import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * Writes (POST, PUT, PATCH, DELETE) through the guarded paths start one per turn of the event
 * loop, and at most `limit` of them run at once; the others wait for their turn, in the order
 * they came. Reads (GET, HEAD) pass untouched.
 *
 * Why: on SQLite a write's checks and statements run without a break, so every write that starts
 * in a turn holds up each read that arrived meanwhile. Started together, a burst of writes would
 * make the reads wait for all of them; started one per turn, a read waits for one at most, and
 * the writes still overlap where they wait (for the disk, for PostgreSQL), up to `limit`. The
 * limit also keeps a storm of posts from taking every pooled PostgreSQL connection.
 */
export function writeGate(limit: number): MiddlewareHandler<AppEnv> {
  let running = 0;
  const waiting: (() => void)[] = [];
  let scheduled = false;

  const startOne = () => {
    scheduled = false;
    if (running >= limit) return;
    const start = waiting.shift();
    if (!start) return;
    running++;
    start();
    schedule();
  };
  // setImmediate runs after the turn's sockets were read: the reads that came go first.
  const schedule = () => {
    if (scheduled || waiting.length === 0) return;
    scheduled = true;
    setImmediate(startOne);
  };

  // A request matched by two of its paths ('/x' and '/x/*') takes one turn, not two.
  const admitted = new WeakSet<Request>();
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || admitted.has(c.req.raw)) return next();
    admitted.add(c.req.raw);
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      schedule();
    });
    try {
      await next();
    } finally {
      running--;
      schedule();
    }
  };
}
