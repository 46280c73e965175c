/**
 * The live thread's fan-out: every open stream of this instance, by page. A change committed to a
 * page (storage/thread-events.ts) wakes the page's room, which reads the log above what it has
 * sent and writes the same bytes to each of its streams; a stream joining with `since` (its
 * Last-Event-ID) first replays what it missed, through the same queue, so that nothing falls
 * between the replay and the broadcast.
 *
 * What wakes a room: on PostgreSQL the instance's LISTEN connection (every instance's commits);
 * on SQLite an in-process poller of the log's newest rows, which also sees the CLI's changes.
 * Streams carry the thread as anonymous readers see it: what is held or hidden is never sent.
 */
import type { Kysely } from 'kysely';
import type { CommentView } from '../../shared/api.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { Refusal } from '../refusal.ts';
import type { Storage } from '../storage/db.ts';
import { liveComments } from '../storage/live-comments.ts';
import { getPageState } from '../storage/pages.ts';
import type { Database } from '../storage/schema.ts';
import {
  eventRowsAfter,
  lastEventRowId,
  prunedThrough,
  pruneThreadEvents,
  type ThreadEvent,
  threadEventsAfter,
} from '../storage/thread-events.ts';

export interface LiveLimits {
  /** Open streams of one instance. */
  maxStreams: number;
  /** Open streams from one network (client-ip.ts networkOf: an IPv4 address, an IPv6 /64). */
  perNetwork: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** SQLite: how often the poller reads the log while a stream is open. */
  pollMs: number;
  /** How long the log keeps events; a reader away longer reloads the thread. */
  keepMs: number;
  /** The most events a reconnect replays; past it the reader reloads instead. */
  replayMax: number;
}

export const defaultLiveLimits: LiveLimits = {
  maxStreams: 20_000,
  perNetwork: 50,
  heartbeatMs: 25_000,
  pollMs: 250,
  keepMs: 60 * 60_000,
  replayMax: 500,
};

/** How often the log is pruned. */
const PRUNE_EVERY_MS = 10 * 60_000;
/** Chunks a stream may have waiting unread before it is dropped as too slow. */
const SLOW_STREAM_CHUNKS = 256;
/** What a refused stream is told to wait (s). */
const BUSY_RETRY_S = 30;
/** Tells EventSource how long to wait before reconnecting (ms). */
const RETRY_MS = 5_000;

/** Where a stream's bytes go: the route wraps a ReadableStream's controller. */
export interface StreamSink {
  send(chunk: Uint8Array): void;
  /** Chunks queued and not yet read by the socket. */
  backlog(): number;
  end(): void;
}

interface Stream {
  sink: StreamSink;
  network: string;
  /** The highest version sent; a broadcast sends only what lies above. */
  last: number;
  room: Room;
}

interface Room {
  siteId: string;
  pageKey: string;
  streams: Set<Stream>;
  /** The highest version the room has read from the log. */
  last: number;
  /** Streams waiting to replay from their `since` before they join. */
  joining: { stream: Stream; since: number }[];
  busy: boolean;
  again: boolean;
}

const encoder = new TextEncoder();
const heartbeat = encoder.encode(':\n\n');

export interface LiveThreadsOptions {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  /** PostgreSQL's LISTEN (Storage.listen); without it the SQLite poller runs. */
  listen?: Storage['listen'];
  limits?: Partial<LiveLimits>;
}

export class LiveThreads {
  readonly limits: LiveLimits;
  private readonly db: Kysely<Database>;
  private readonly rooms = new Map<string, Room>();
  private readonly networks = new Map<string, number>();
  private count = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private ready: Promise<void> | null = null;
  private pollCursor = 0;
  private polling = false;
  private closeListener: (() => Promise<void>) | null = null;
  private closed = false;

  constructor(private readonly options: LiveThreadsOptions) {
    this.db = options.db;
    this.limits = { ...defaultLiveLimits, ...options.limits };
    if (options.listen) {
      const listener = options.listen(
        (payload) => this.notified(payload),
        () => this.wakeAll(),
      );
      this.closeListener = () => listener.close();
      this.ready = Promise.resolve();
    }
  }

  /**
   * Heartbeats, the log's pruning and (SQLite) the poller run only while a stream is open: an
   * instance nobody follows keeps no timer. The log is pruned when the first stream opens, then
   * every PRUNE_EVERY_MS.
   */
  private startTimers(): void {
    if (this.timers.length > 0) return;
    void this.prune();
    this.timers.push(setInterval(() => this.beat(), this.limits.heartbeatMs));
    this.timers.push(setInterval(() => void this.prune(), PRUNE_EVERY_MS));
    if (!this.options.listen) this.timers.push(setInterval(() => void this.poll(), this.limits.pollMs));
    for (const timer of this.timers) timer.unref();
  }

  private stopTimers(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  get streams(): number {
    return this.count;
  }

  /**
   * Opens a stream of page `pageKey` for a reader who has seen the thread as of version `since`
   * (null: as it is now). Refuses past the caps (429, rate_limited). Returns a function that
   * closes it (the client went away).
   */
  async open(
    siteId: string,
    pageKey: string,
    since: number | null,
    network: string,
    sink: StreamSink,
  ): Promise<() => void> {
    if (this.count >= this.limits.maxStreams) {
      throw new Refusal(
        'rate_limited',
        `This server holds its maximum of ${this.limits.maxStreams} live streams.`,
        {
          retryAfter: BUSY_RETRY_S,
        },
      );
    }
    const fromNetwork = this.networks.get(network) ?? 0;
    if (fromNetwork >= this.limits.perNetwork) {
      throw new Refusal(
        'rate_limited',
        `At most ${this.limits.perNetwork} live streams may be open from one network; close some tabs.`,
        { retryAfter: BUSY_RETRY_S },
      );
    }
    // The place is taken before the reads below, so that the opens arriving meanwhile count it.
    this.count++;
    this.networks.set(network, fromNetwork + 1);
    let from: number;
    try {
      // SQLite: rows committed after this point wake their rooms; earlier ones are replayed by `since`.
      this.ready ??= lastEventRowId(this.db).then((id) => {
        this.pollCursor = id;
      });
      await this.ready;
      // "As it is now" is the version before the answer goes out: whatever commits after the
      // reader got its 200 is sent, even if it commits before the room's join reads the page.
      from = since ?? (await getPageState(this.db, siteId, pageKey)).version;
    } catch (error) {
      this.release(network);
      throw error;
    }
    if (this.closed) {
      // Shut down while reading: the stream ends at once, as close() ended the others.
      this.release(network);
      sink.end();
      return () => {};
    }
    this.startTimers();
    const key = `${siteId}\u0000${pageKey}`;
    let room = this.rooms.get(key);
    if (!room) {
      room = { siteId, pageKey, streams: new Set(), last: -1, joining: [], busy: false, again: false };
      this.rooms.set(key, room);
    }
    const stream: Stream = { sink, network, last: 0, room };
    sink.send(encoder.encode(`retry: ${RETRY_MS}\n\n`));
    room.joining.push({ stream, since: from });
    void this.pump(room);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      this.drop(stream);
    };
  }

  /** Ends every stream and stops the timers and the listener (shutdown, a test's end). */
  async close(): Promise<void> {
    this.closed = true;
    this.stopTimers();
    for (const room of this.rooms.values()) {
      for (const stream of room.streams) stream.sink.end();
      for (const { stream } of room.joining) stream.sink.end();
    }
    this.rooms.clear();
    await this.closeListener?.();
  }

  /** Wakes the room of a page a NOTIFY names: `[site, page, version]`. */
  private notified(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    if (!Array.isArray(parsed)) return;
    const [siteId, pageKey, version] = parsed as [unknown, unknown, unknown];
    const room = this.rooms.get(`${String(siteId)}\u0000${String(pageKey)}`);
    if (room && (typeof version !== 'number' || version > room.last)) void this.pump(room);
  }

  private wakeAll(): void {
    for (const room of this.rooms.values()) void this.pump(room);
  }

  private async poll(): Promise<void> {
    if (this.polling || this.rooms.size === 0) return;
    this.polling = true;
    try {
      for (;;) {
        const rows = await eventRowsAfter(this.db, this.pollCursor, 1000);
        for (const row of rows) this.wake(row);
        if (rows.length > 0) this.pollCursor = rows.at(-1)!.id;
        if (rows.length < 1000) break;
      }
    } catch (error) {
      this.options.log(`live: reading the event log failed: ${String(error)}`, { level: 'error' });
    } finally {
      this.polling = false;
    }
  }

  private wake(row: { siteId: string; pageKey: string }): void {
    const room = this.rooms.get(`${row.siteId}\u0000${row.pageKey}`);
    if (room) void this.pump(room);
  }

  /** One reader of the log per room at a time; a wake meanwhile runs it once more after. */
  private async pump(room: Room): Promise<void> {
    if (room.busy) {
      room.again = true;
      return;
    }
    room.busy = true;
    try {
      do {
        room.again = false;
        for (const join of room.joining.splice(0)) await this.join(room, join.stream, join.since);
        if (room.streams.size > 0) await this.broadcast(room);
      } while (room.again || room.joining.length > 0);
    } catch (error) {
      this.options.log(`live: a page's stream update failed: ${String(error)}`, { level: 'error' });
    } finally {
      room.busy = false;
      this.forgetIfEmpty(room);
    }
  }

  private async join(room: Room, stream: Stream, since: number): Promise<void> {
    if (stream.room !== room) return;
    const state = await getPageState(this.db, room.siteId, room.pageKey);
    // A version this database never had, or one whose events are pruned: reload the thread.
    let reload =
      since > state.version ||
      (since < state.version && since < (await prunedThrough(this.db, room.siteId, room.pageKey)));
    let events: ThreadEvent[] = [];
    if (!reload && since < state.version) {
      events = await threadEventsAfter(this.db, room.siteId, room.pageKey, since, this.limits.replayMax + 1);
      reload = events.length > this.limits.replayMax;
    }
    const replay = reload || events.length === 0 ? [] : await this.messages(room, events);
    // The reader may have gone while the log was read: a dropped stream gets nothing and does not
    // join the room (a post committed meanwhile is in the replay, not for a reader who left).
    if (stream.room !== room) return;
    if (reload) {
      this.reset(stream);
      return;
    }
    for (const message of replay) stream.sink.send(message.bytes);
    stream.last = Math.max(since, events.at(-1)?.version ?? since);
    room.streams.add(stream);
    if (room.last < 0) room.last = stream.last;
  }

  private async broadcast(room: Room): Promise<void> {
    for (;;) {
      const events = await threadEventsAfter(
        this.db,
        room.siteId,
        room.pageKey,
        room.last,
        this.limits.replayMax,
      );
      if (events.length === 0) return;
      const messages = await this.messages(room, events);
      for (const stream of room.streams) {
        for (const message of messages) {
          if (message.version > stream.last) stream.sink.send(message.bytes);
        }
        stream.last = Math.max(stream.last, events.at(-1)!.version);
        if (stream.sink.backlog() > SLOW_STREAM_CHUNKS) {
          stream.sink.end();
          this.drop(stream);
        }
      }
      room.last = events.at(-1)!.version;
      if (events.length < this.limits.replayMax) return;
    }
  }

  /**
   * The SSE messages for a run of events: each comment once, as it is now, at its latest event,
   * then the page's count. A comment posted where anonymous readers cannot see it (held for
   * review) says nothing; one that was visible and no longer is goes as `remove`.
   */
  private async messages(
    room: Room,
    events: ThreadEvent[],
  ): Promise<{ version: number; bytes: Uint8Array }[]> {
    const latest = new Map<string, { version: number; posted: boolean }>();
    for (const event of events) {
      const before = latest.get(event.commentId);
      latest.delete(event.commentId);
      latest.set(event.commentId, {
        version: event.version,
        posted: (before?.posted ?? true) && event.kind === 'post',
      });
    }
    const views = await liveComments(this.db, room.siteId, room.pageKey, [...latest.keys()]);
    const out: { version: number; bytes: Uint8Array }[] = [];
    for (const [id, { version, posted }] of latest) {
      const view: CommentView | null = views.get(id) ?? null;
      if (view) out.push(message(version, 'comment', { comment: view }));
      else if (!posted) out.push(message(version, 'remove', { id }));
    }
    const state = await getPageState(this.db, room.siteId, room.pageKey);
    out.push(message(events.at(-1)!.version, 'count', { total: state.total }));
    return out;
  }

  private reset(stream: Stream): void {
    stream.sink.send(encoder.encode('event: reset\ndata: {}\n\n'));
    stream.sink.end();
    this.drop(stream);
  }

  private drop(stream: Stream): void {
    const { room } = stream;
    // Detached once, so that a second drop (the client leaving after a reset) counts nothing.
    if (room === detached) return;
    stream.room = detached;
    const joining = room.joining.findIndex((j) => j.stream === stream);
    if (joining >= 0) room.joining.splice(joining, 1);
    room.streams.delete(stream);
    this.release(stream.network);
    this.forgetIfEmpty(room);
  }

  /** Gives back a stream's place in the caps. */
  private release(network: string): void {
    this.count--;
    if (this.count === 0) this.stopTimers();
    const left = (this.networks.get(network) ?? 1) - 1;
    if (left > 0) this.networks.set(network, left);
    else this.networks.delete(network);
  }

  private forgetIfEmpty(room: Room): void {
    if (room.busy || room.streams.size > 0 || room.joining.length > 0) return;
    const key = `${room.siteId}\u0000${room.pageKey}`;
    if (this.rooms.get(key) === room) this.rooms.delete(key);
  }

  private beat(): void {
    for (const room of this.rooms.values()) {
      for (const stream of room.streams) stream.sink.send(heartbeat);
    }
  }

  private async prune(): Promise<void> {
    try {
      await pruneThreadEvents(this.db, this.options.clock.now() - this.limits.keepMs);
    } catch (error) {
      this.options.log(`live: pruning the event log failed: ${String(error)}`, { level: 'error' });
    }
  }
}

const detached: Room = {
  siteId: '',
  pageKey: '',
  streams: new Set(),
  last: 0,
  joining: [],
  busy: true,
  again: false,
};

function message(version: number, event: string, data: unknown): { version: number; bytes: Uint8Array } {
  return {
    version,
    bytes: encoder.encode(`id: ${version}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
  };
}
