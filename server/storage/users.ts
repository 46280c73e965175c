import type { Kysely } from 'kysely';
import { contactKey } from '../../shared/contact.ts';
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
      email_key: user.email ? contactKey(user.email) : null,
      phone: user.phone ?? null,
      password_hash: user.passwordHash ?? null,
      created_at: now,
    })
    .execute();
}

export interface UserRow {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
}

/** The account whose email or phone is `contact` (normalised; an email in any case), if any. */
export async function findUserByContact(db: Kysely<Database>, contact: string): Promise<UserRow | undefined> {
  const column = contact.includes('@') ? 'email_key' : 'phone';
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'phone', 'password_hash'])
    .where(column, '=', contactKey(contact))
    .executeTakeFirst();
}

export async function getUser(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'phone', 'password_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setPasswordHash(
  db: Kysely<Database>,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}
