/**
 * The one-click unsubscribe link's token (RFC 8058): the account id and an HMAC of it under the
 * server key (auth/secret.ts), so it needs no sign-in and cannot be made for another account.
 * Nothing is stored; the token stays good until the server key changes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const PURPOSE = 'pikir-unsubscribe-v1:';

function mac(key: Buffer, userId: string): Buffer {
  return createHmac('sha256', key)
    .update(PURPOSE + userId)
    .digest();
}

export function unsubscribeToken(key: Buffer, userId: string): string {
  return `${userId}.${mac(key, userId).toString('base64url')}`;
}

/** The account the token was made for, or null for anything else. */
export function tokenUser(key: Buffer, token: string): string | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const userId = token.slice(0, dot);
  const text = token.slice(dot + 1);
  const given = Buffer.from(text, 'base64url');
  const expected = mac(key, userId);
  // Node's base64url decoding skips stray characters: only the exact encoding counts.
  if (given.length !== expected.length || given.toString('base64url') !== text) return null;
  return timingSafeEqual(given, expected) ? userId : null;
}
