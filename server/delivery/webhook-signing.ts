/**
 * Signed webhooks. A site's secret is derived, not stored: HMAC-SHA256 of the site's id and a
 * random salt (sites.webhook_salt) under the server key (SECRET_KEY, auth/secret.ts). A leaked
 * database therefore cannot forge deliveries; rotating the secret is drawing a new salt; every
 * instance with the same SECRET_KEY signs alike. The receiver checks
 *   Pikir-Webhook-Signature: v1=hex(HMAC-SHA256(secret, `${timestamp}.${body}`))
 * with the timestamp of Pikir-Webhook-Timestamp (Unix seconds), rejecting old timestamps so a
 * captured delivery cannot be replayed later (docs/operations.md, "Webhooks").
 */
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'Pikir-Webhook-Signature';
export const TIMESTAMP_HEADER = 'Pikir-Webhook-Timestamp';
export const ID_HEADER = 'Pikir-Webhook-Id';
export const EVENT_HEADER = 'Pikir-Webhook-Event';

/** The secret a receiver keeps: "whsec_" and 43 base64url characters (256 bits). */
export function webhookSecret(serverKey: Buffer, siteId: string, salt: string): string {
  const derived = createHmac('sha256', serverKey).update(`pikir-webhook-secret\0${siteId}\0${salt}`).digest();
  return `whsec_${derived.toString('base64url')}`;
}

/** "v1=" and the hex HMAC-SHA256 of `${timestamp}.${body}` keyed with the secret's UTF-8 bytes. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers of one delivery attempt; `now` in milliseconds. */
export function signedHeaders(
  secret: string,
  delivery: { id: string; eventType: string; body: string },
  now: number,
): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    [ID_HEADER]: delivery.id,
    [EVENT_HEADER]: delivery.eventType,
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: webhookSignature(secret, timestamp, delivery.body),
  };
}
