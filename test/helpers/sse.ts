/**
 * Reads a text/event-stream answer as EventSource would: events split on blank lines, `id`,
 * `event` and `data` fields, comment lines (heartbeats) counted. For server tests and the bench.
 */
export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export interface SseReader {
  /** Every byte received so far, as text. */
  readonly raw: () => string;
  /** Comment lines (`:` heartbeats) received so far. */
  readonly comments: () => number;
  /** The next event not taken yet; fails after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** The next `count` events. */
  take(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  /** Resolves when the server has ended the stream. */
  readonly ended: Promise<void>;
  close(): Promise<void>;
}

export function sseReader(response: Response): SseReader {
  if (!response.body) throw new Error('the answer has no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let raw = '';
  let buffer = '';
  let comments = 0;
  const queue: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let done = false;

  const parse = () => {
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: SseEvent = { id: undefined, event: 'message', data: '' };
      let fields = 0;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          comments++;
          continue;
        }
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (name === 'id') event.id = value;
        else if (name === 'event') event.event = value;
        else if (name === 'data') event.data = event.data ? `${event.data}\n${value}` : value;
        else continue;
        fields++;
      }
      if (fields > 0 && (event.event !== 'message' || event.data !== '')) queue.push(event);
    }
    for (const wake of waiters.splice(0)) wake();
  };

  const ended = (async () => {
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        const text = decoder.decode(value, { stream: true });
        raw += text;
        buffer += text;
        parse();
      }
    } catch {
      // Cancelled by close().
    } finally {
      done = true;
      for (const wake of waiters.splice(0)) wake();
    }
  })();

  const next = async (timeoutMs = 5_000): Promise<SseEvent> => {
    const deadline = Date.now() + timeoutMs;
    while (queue.length === 0) {
      if (done) throw new Error(`the stream ended; received so far:\n${raw}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms; received so far:\n${raw}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return queue.shift()!;
  };

  return {
    raw: () => raw,
    comments: () => comments,
    next,
    take: async (count, timeoutMs) => {
      const out: SseEvent[] = [];
      for (let i = 0; i < count; i++) out.push(await next(timeoutMs));
      return out;
    },
    ended,
    close: async () => {
      await reader.cancel().catch(() => undefined);
      await ended;
    },
  };
}
