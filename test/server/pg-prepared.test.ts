import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Storage } from '../../server/storage/db.ts';
import { openPostgresInstances } from '../helpers/engines.ts';

describe.skipIf(!process.env.TEST_DATABASE_URL)('prepared statements on PostgreSQL', () => {
  let storage: Storage | undefined;
  let other: Storage | undefined;
  afterEach(async () => {
    await other?.close();
    await storage?.close();
    storage = other = undefined;
  });

  /** A second storage on a fresh test schema, with prepared statements on or off. */
  async function openWith(preparedStatements: boolean): Promise<Storage> {
    storage = (await openPostgresInstances(1))![0]!;
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(storage.db);
    other = createDb(process.env.TEST_DATABASE_URL!, { schema: rows[0]!.schema, preparedStatements });
    return other;
  }

  /** The statements prepared on one connection after it ran the same select `runs` times. */
  async function preparedAfter(on: Storage, runs: number): Promise<string[]> {
    return on.db.connection().execute(async (conn) => {
      for (let i = 0; i < runs; i++)
        await conn.selectFrom('sites').select('id').where('id', '=', `s${i}`).execute();
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
        conn,
      );
      return rows.map((r) => r.statement).filter((s) => s.includes('"sites"'));
    });
  }

  it('prepares a statement on a connection once it ran there three times, never a select *', async () => {
    const prepared = await (await openWith(true)).db.connection().execute(async (conn) => {
      const names = async () =>
        (
          await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn)
        ).rows.map((r) => r.statement);
      const runs: string[][] = [];
      for (let i = 0; i < 4; i++) {
        await conn.selectFrom('sites').select('id').where('id', '=', `s${i}`).execute();
        await conn.selectFrom('sites').selectAll().where('id', '=', `s${i}`).execute();
        runs.push(await names());
      }
      return runs;
    });
    const named = (statements: string[]) => statements.filter((s) => s.includes('"sites"'));
    expect(named(prepared[0]!)).toEqual([]);
    expect(named(prepared[1]!)).toEqual([]);
    expect(named(prepared[2]!)).toEqual(['select "id" from "sites" where "id" = $1']);
    expect(named(prepared[3]!)).toEqual(['select "id" from "sites" where "id" = $1']);
  });

  it('prepares by default, and nothing with preparedStatements off (PG_PREPARED_STATEMENTS=off, for a pooler in front)', async () => {
    expect(await preparedAfter(await openWith(false), 5)).toEqual([]);
    expect(await preparedAfter(storage!, 5)).toEqual(['select "id" from "sites" where "id" = $1']);
  });
});
