import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * At most `limit` of the requests it guards that write (POST, PUT, PATCH, DELETE) run at once;
 * the others wait for their turn, in the order they came. A write takes the event loop for many
 * short steps (its checks, its statements, its answer): with hundreds in flight, every read
 * queues behind all of their steps, and on PostgreSQL they would hold every pooled connection.
 * Waiting here costs nothing, so a storm of posts is taken at the rate the database commits them
 * while reads keep their latency. Reads (GET, HEAD) pass untouched.
 */
export function writeGate(limit: number): MiddlewareHandler<AppEnv> {
  let running = 0;
  const waiting: (() => void)[] = [];
  // A request matched by two of its paths ('/x' and '/x/*') takes one turn, not two.
  const admitted = new WeakSet<Request>();
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || admitted.has(c.req.raw)) return next();
    admitted.add(c.req.raw);
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      await next();
    } finally {
      // The slot passes to the next in line, or is given back. The next write starts after the
      // event loop's next look at the sockets: handed over at once, a queue of writes would run
      // back to back and every read that came meanwhile would wait for all of them.
      const turn = waiting.shift();
      if (turn) setImmediate(turn);
      else running--;
    }
  };
}
