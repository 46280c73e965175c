import { randomBytes } from 'node:crypto';

/** A random, URL-safe id: 96 bits by default, unguessable and collision-free in practice. */
export function randomId(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}
