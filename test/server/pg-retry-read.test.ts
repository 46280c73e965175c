import { describe, expect, it } from 'vitest';
import { endsTransaction, isRead } from '../../server/storage/pg-retry.ts';

describe('which statements a lost connection may send again', () => {
  it('takes a select, and a with that only selects (a thread slice), as reads', () => {
    expect(isRead('select "version" from "sites" where "id" = $1')).toBe(true);
    expect(isRead('  SELECT 1')).toBe(true);
    expect(
      isRead(
        'with "keyed" as (select "c"."id", "u"."deleted_at", "p"."updated_at" from "comments") select 1',
      ),
    ).toBe(true);
  });

  it('never a with that writes, nor a write', () => {
    expect(isRead('with page as (insert into "pages" ("site_id") values ($1) returning 1) select 1')).toBe(
      false,
    );
    expect(isRead('with t as (update "pages" set "version" = 2 returning 1) select 1')).toBe(false);
    expect(isRead('with t as (delete from "sessions" returning 1) select 1')).toBe(false);
    expect(isRead('insert into "comments" ("id") values ($1)')).toBe(false);
    expect(isRead('selective')).toBe(false);
  });
});

describe('which statements end a transaction', () => {
  it('takes a whole commit or rollback, in each of its spellings', () => {
    for (const statement of ['commit', 'COMMIT WORK', 'end', 'abort', 'rollback', '  rollback transaction'])
      expect(endsTransaction(statement), statement).toBe(true);
  });

  it('not a rollback to a savepoint, a chained one, or a two-phase one', () => {
    for (const statement of [
      'rollback to "sp"',
      'rollback to savepoint sp',
      'ROLLBACK WORK TO SAVEPOINT sp',
      'rollback transaction to savepoint sp',
      'commit and chain',
      'rollback transaction and chain',
      "rollback prepared 'tx1'",
      "commit prepared 'tx1'",
      'release savepoint sp',
      'select 1',
    ])
      expect(endsTransaction(statement), statement).toBe(false);
  });
});
