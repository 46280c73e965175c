/**
 * The key that one-time codes are HMAC'd with. SECRET_KEY from the environment when set (kept
 * outside the database, so a leaked database cannot be used to brute-force its 6-digit codes);
 * otherwise, outside production, one is made at the first start and kept in the database, so
 * every server instance on that database agrees on it. Production requires SECRET_KEY (config.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.ts';

const NAME = 'code_hmac_key';

export async function codeSecret(db: Kysely<Database>, fromEnv: string | null, now: number): Promise<Buffer> {
  // Hashing the configured value gives a 32-byte key whatever its encoding.
  if (fromEnv !== null) return createHash('sha256').update(fromEnv).digest();
  // Read first: a write would queue behind a busy server's writes (the CLI runs beside it).
  const stored = await storedSecret(db);
  if (stored) return stored;
  await db
    .insertInto('server_secrets')
    .values({ name: NAME, value: randomBytes(32).toString('base64url'), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (await storedSecret(db))!;
}

async function storedSecret(db: Kysely<Database>): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', NAME)
    .executeTakeFirst();
  return row && Buffer.from(row.value, 'base64url');
}
