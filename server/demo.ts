/**
 * The demo site that `npm start` keeps ready, so a newcomer opens http://localhost:8787 and sees a
 * living thread. Sample comments are written once, when the site is first created.
 */
import type { Kysely } from 'kysely';
import { randomId } from './ids.ts';
import { DEMO_PAGE_KEY, DEMO_SITE_ID } from './routes/demo.ts';
import { insertComment } from './storage/comments.ts';
import type { Database } from './storage/schema.ts';
import { createSite, getSite, updateSite } from './storage/sites.ts';
import { insertUser } from './storage/users.ts';

const MINUTE = 60_000;

const samples: {
  author: string;
  text: string;
  minutesAgo: number;
  replies?: { author: string; text: string; minutesAgo: number }[];
}[] = [
  {
    author: 'Айгерим',
    text: 'Ожидаемое решение. Главное, чтобы инфляция действительно продолжала снижаться.',
    minutesAgo: 5,
  },
  {
    author: 'Ерлан Б.',
    text: 'Для малого бизнеса кредиты под такую ставку всё ещё слишком дорогие.\nЖдём снижения в январе.',
    minutesAgo: 95,
    replies: [
      {
        author: 'Динара',
        text: 'Ерлан, согласна. Подробный разбор есть в пресс-релизе: https://nationalbank.kz/ru/news',
        minutesAgo: 60,
      },
    ],
  },
  { author: 'Максим', text: 'Спасибо за оперативную новость!', minutesAgo: 26 * 60 },
];

export async function ensureDemoSite(db: Kysely<Database>, publicUrl: string, now: number): Promise<void> {
  const created = await createSite(db, { id: DEMO_SITE_ID, name: 'Pikir demo', origins: [publicUrl] }, now);
  if (!created) {
    await allowOrigin(db, publicUrl);
    return;
  }
  const authors = new Map<string, string>();
  const authorId = async (name: string) => {
    let id = authors.get(name);
    if (!id) {
      id = randomId();
      authors.set(name, id);
      await insertUser(db, { id, displayName: name }, now);
    }
    return id;
  };
  const page = {
    siteId: DEMO_SITE_ID,
    pageKey: DEMO_PAGE_KEY,
    title: 'Нацбанк сохранил базовую ставку',
    url: `${publicUrl}/`,
  };
  for (const sample of samples) {
    const id = randomId();
    await insertComment(
      db,
      { id, page, parentId: null, authorId: await authorId(sample.author), text: sample.text },
      now - sample.minutesAgo * MINUTE,
    );
    for (const reply of sample.replies ?? []) {
      await insertComment(
        db,
        { id: randomId(), page, parentId: id, authorId: await authorId(reply.author), text: reply.text },
        now - reply.minutesAgo * MINUTE,
      );
    }
  }
}

/** A changed PORT or PUBLIC_URL must not leave the demo page without its widget. */
async function allowOrigin(db: Kysely<Database>, publicUrl: string): Promise<void> {
  const site = await getSite(db, DEMO_SITE_ID);
  if (!site || site.origins.includes(publicUrl)) return;
  // Through storage/sites.ts, which bumps the site's version for the other instances' caches.
  await updateSite(db, DEMO_SITE_ID, (current) => ({ origins: [...current.origins, publicUrl] }));
}
