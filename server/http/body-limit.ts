import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { Refusal } from '../refusal.ts';
import type { AppEnv } from './env.ts';

/**
 * Refuses request bodies over `maxBytes` with a 413. GET and HEAD pass untouched.
 * A body with a Content-Length is judged by it alone (Node's parser holds the body to that length)
 * and left for the endpoint to read: on @hono/node-server that read takes the Node stream
 * directly, while asking for the body here would first build a full web Request and stream, a
 * sixth of a post's CPU. Only a body without one (chunked) is counted as it streams in.
 */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  const refuse = (): never => {
    throw new Refusal('payload_too_large', `Request bodies are limited to ${maxBytes} bytes.`);
  };
  const counted = bodyLimit({ maxSize: maxBytes, onError: refuse });
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || !/^\d+$/.test(length) || c.req.header('transfer-encoding') !== undefined) {
      return counted(c, next);
    }
    if (Number(length) > maxBytes) refuse();
    return next();
  };
}
