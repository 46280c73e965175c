import { randomBytes, randomFillSync } from 'node:crypto';

/** A random, URL-safe id: 96 bits by default, unguessable and collision-free in practice. */
export function randomId(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}

const REQUEST_ID_BYTES = 9;
const requestIdPool = Buffer.alloc(REQUEST_ID_BYTES * 512);
let requestIdAt = requestIdPool.length;

/**
 * A request's id: 72 random bits as 12 URL-safe characters, like randomId(9), but taken from a pool
 * that one call to the generator fills for 512 requests. Every request makes one, and a call of
 * its own costs about 5 µs, 25 times a pooled one. Request ids only name log lines, they guard
 * nothing: secrets keep randomId, whose bytes no buffer holds before they are used.
 */
export function requestId(): string {
  if (requestIdAt >= requestIdPool.length) {
    randomFillSync(requestIdPool);
    requestIdAt = 0;
  }
  const start = requestIdAt;
  requestIdAt += REQUEST_ID_BYTES;
  return requestIdPool.toString('base64url', start, requestIdAt);
}
