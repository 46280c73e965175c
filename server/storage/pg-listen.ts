/**
 * One dedicated PostgreSQL connection per instance that LISTENs for the live thread's NOTIFYs
 * (storage/thread-events.ts), outside the pool: a pooled connection is handed to queries and
 * would stop listening. When it fails (a restart, a failover, pg_terminate_backend) it is opened
 * again after a growing pause; `onConnected` runs on every (re)connect, so that the caller reads
 * what was committed while nobody listened.
 */
import pg from 'pg';
import type { Logger } from '../logger.ts';
import { THREAD_CHANNEL } from './thread-events.ts';

const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;

export interface ListenOptions {
  schema?: string;
  applicationName: string;
  connectMs: number;
  log: Logger;
}

export interface ThreadListener {
  close(): Promise<void>;
}

export function listenThreads(
  url: string,
  options: ListenOptions,
  onNotify: (payload: string) => void,
  onConnected: () => void,
): ThreadListener {
  let client: pg.Client | null = null;
  let closed = false;
  let pause = RETRY_FIRST_MS;
  let timer: NodeJS.Timeout | undefined;

  const retry = (why: string) => {
    if (closed || timer) return;
    options.log(`live: the PostgreSQL listener is down (${why}); again in ${pause} ms`);
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, pause);
    timer.unref();
    pause = Math.min(pause * 2, RETRY_MAX_MS);
  };

  const connect = async () => {
    const next = new pg.Client({
      connectionString: url,
      application_name: `${options.applicationName}-listen`,
      connectionTimeoutMillis: options.connectMs,
      keepAlive: true,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // Without a listener an error on this connection would end the process.
    next.on('error', (error) => {
      if (client === next) client = null;
      void next.end().catch(() => undefined);
      retry(error.message);
    });
    next.on('end', () => {
      if (client === next) {
        client = null;
        retry('connection ended');
      }
    });
    next.on('notification', (message) => {
      if (message.payload) onNotify(message.payload);
    });
    try {
      await next.connect();
      const { rows } = await next.query<{ schema: string }>('select current_schema() as schema');
      const channel = `${THREAD_CHANNEL}${rows[0]?.schema ?? 'public'}`;
      await next.query(`listen "${channel.replaceAll('"', '""')}"`);
    } catch (error) {
      await next.end().catch(() => undefined);
      retry(error instanceof Error ? error.message : String(error));
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    pause = RETRY_FIRST_MS;
    onConnected();
  };

  void connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      const last = client;
      client = null;
      await last?.end().catch(() => undefined);
    },
  };
}
