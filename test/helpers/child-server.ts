/**
 * Pikir as operators run it: server/main.ts in a process of its own, configured by environment
 * variables, its output collected line by line. For tests of start-up, faults and shutdown.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** Every line of stdout and stderr so far. */
  lines: string[];
  /** Resolves with the first line matching `pattern` (already printed or still to come). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts server/main.ts with `env` on top of a minimal environment; does not wait for it to listen. */
export function spawnServer(port: number, env: Record<string, string>): ChildServer {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const take = (chunk: Buffer, rest: { text: string }) => {
    rest.text += chunk.toString('utf8');
    const parts = rest.text.split('\n');
    rest.text = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  const out = { text: '' };
  const err = { text: '' };
  child.stdout?.on('data', (chunk: Buffer) => take(chunk, out));
  child.stderr?.on('data', (chunk: Buffer) => take(chunk, err));
  let stopping = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A server that was serving and ended by itself is the failure to explain: its last words go to
  // the test run's output, whatever the test then reports. (A start that fails is the tests' own.)
  // On 'close', once its output has all been read.
  child.once('close', (code, signal) => {
    if (stopping || !lines.some((line) => /Pikir is listening/.test(line))) return;
    const last = lines.slice(-40).join('\n');
    console.error(
      `[child server :${port}] ended by itself (code ${code}, signal ${signal}); last output:\n${last}`,
    );
  });

  const waitFor = (pattern: RegExp, timeoutMs = 15_000) => {
    const seen = lines.find((line) => pattern.test(line));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${lines.join('\n')}`));
      }, timeoutMs);
      waiters.push({
        pattern,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the server exited before printing ${pattern}; output:\n${lines.join('\n')}`));
      });
    });
  };

  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    lines,
    waitFor,
    exited,
    stop: async () => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Starts the server and waits until it listens. */
export async function startServer(port: number, env: Record<string, string>): Promise<ChildServer> {
  const server = spawnServer(port, env);
  try {
    await server.waitFor(/Pikir is listening/, 30_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
