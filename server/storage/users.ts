import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface NewUser {
  id: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
  passwordHash?: string | null;
}

export async function insertUser(db: Kysely<Database>, user: NewUser, now: number): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      display_name: user.displayName,
      email: user.email ?? null,
      phone: user.phone ?? null,
      password_hash: user.passwordHash ?? null,
      created_at: now,
    })
    .execute();
}
