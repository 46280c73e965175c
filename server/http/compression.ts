/**
 * Compression on the wire. Built files are compressed once (scripts/compress-assets.ts writes .br
 * and .gz beside them; server/assets.ts loads them); JSON answers are compressed as they go out,
 * above a small size, the bodies of answers that repeat (same ETag) only once.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';

export type Encoding = 'br' | 'gzip';

/** Below this many bytes, compressing saves less than it costs. */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * The best encoding the client accepts among `available` (br before gzip), or null for identity.
 * Follows q-values: "br;q=0" refuses br, "*" stands for any encoding not named.
 */
export function pickEncoding(header: string | undefined, available: readonly Encoding[]): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.toLowerCase().split(';');
    const name = coding.trim();
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const encoding of available) {
    const value = q.get(encoding) ?? (encoding === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0;
    if (value > bestQ) {
      best = encoding;
      bestQ = value;
    }
  }
  return best;
}

export function compress(body: Uint8Array, encoding: Encoding, level: 'build' | 'live'): Buffer {
  if (encoding === 'gzip') return gzipSync(body, { level: level === 'build' ? 9 : 6 });
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: level === 'build' ? 11 : 4,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

const compressible = /^(application\/json|text\/html|text\/plain|text\/css|text\/javascript)/;

/**
 * Compresses JSON (and HTML) answers above COMPRESS_MIN_BYTES for clients that accept it, with
 * Vary: Accept-Encoding. Answers a route already encoded (the built files) pass as they are.
 * Public answers with an ETag are compressed once per ETag and encoding.
 */
export function compressAnswers(): MiddlewareHandler<AppEnv> {
  const done = new BodyCache(16 * 1024 * 1024);
  return async (c, next) => {
    await next();
    const res = c.res;
    // Status and headers only: on @hono/node-server, touching `res.body` turns its fast string
    // response into a web stream, for every answer, compressed or not.
    // A 304 carries the Vary its 200 would have (RFC 9110 15.4.5), so that a cache keeps it apart.
    if (res.status === 304) varyOnEncoding(res.headers);
    if (res.status === 304 || res.status === 204) return;
    if (res.headers.has('content-encoding') || !compressible.test(res.headers.get('content-type') ?? ''))
      return;
    if (/no-transform/.test(res.headers.get('cache-control') ?? '')) return;
    varyOnEncoding(res.headers);
    const encoding = pickEncoding(c.req.header('accept-encoding'), ['br', 'gzip']);
    if (!encoding) return;
    const etag = res.headers.get('etag');
    const key =
      etag && !/private/.test(res.headers.get('cache-control') ?? '') ? `${encoding} ${etag}` : null;
    let encoded = key ? done.get(key) : undefined;
    const headers = new Headers(res.headers);
    if (!encoded) {
      const body = new Uint8Array(await res.arrayBuffer());
      if (body.length < COMPRESS_MIN_BYTES) {
        replace(c, body, res.status, headers);
        return;
      }
      // A HEAD is answered as its GET (Hono runs the GET route, then drops the body): it says the
      // GET's encoding, which a cache may update its copy of the GET from, without the work of it.
      if (c.req.method === 'HEAD') encoded = Buffer.alloc(0);
      else {
        encoded = compress(body, encoding, 'live');
        if (key) done.set(key, encoded);
      }
    }
    headers.set('Content-Encoding', encoding);
    headers.delete('Content-Length');
    replace(c, new Uint8Array(encoded), res.status, headers);
  };
}

/** Adds Accept-Encoding to Vary once, whoever else added it (a route, an earlier pass). */
function varyOnEncoding(headers: Headers): void {
  if (!/accept-encoding/i.test(headers.get('vary') ?? '')) headers.append('Vary', 'Accept-Encoding');
}

/** Swaps the answer without Hono merging the old one's headers (Content-Length) back in. */
function replace(c: Context<AppEnv>, body: Uint8Array<ArrayBuffer>, status: number, headers: Headers): void {
  c.res = undefined as unknown as Response;
  c.res = new Response(body, { status, headers });
}

/** Compressed bodies by key, oldest out first past a total size. */
class BodyCache {
  private readonly entries = new Map<string, Buffer>();
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): Buffer | undefined {
    return this.entries.get(key);
  }

  set(key: string, body: Buffer): void {
    if (this.entries.has(key)) return;
    this.entries.set(key, body);
    this.size += body.length;
    for (const [oldest, old] of this.entries) {
      if (this.size <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.size -= old.length;
    }
  }
}
