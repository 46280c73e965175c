import type { Kysely } from 'kysely';
import { randomId } from '../../server/ids.ts';
import { insertComment } from '../../server/storage/comments.ts';
import type { Database } from '../../server/storage/schema.ts';
import { insertUser } from '../../server/storage/users.ts';

export async function seedUser(db: Kysely<Database>, name = 'Reader', now = 0): Promise<string> {
  const id = randomId();
  await insertUser(db, { id, displayName: name }, now);
  return id;
}

export async function seedComment(
  db: Kysely<Database>,
  c: {
    siteId: string;
    pageKey: string;
    authorId: string;
    text?: string;
    parentId?: string | null;
    at: number;
  },
): Promise<string> {
  const id = randomId();
  await insertComment(
    db,
    {
      id,
      page: { siteId: c.siteId, pageKey: c.pageKey, title: 'Article', url: 'https://news.example.kz/a' },
      parentId: c.parentId ?? null,
      authorId: c.authorId,
      text: c.text ?? `comment ${id}`,
    },
    c.at,
  );
  return id;
}
