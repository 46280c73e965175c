/**
 * Prepared statements on PostgreSQL. A statement text that a connection has run PREPARE_AFTER
 * times is sent as a named statement from then on: PostgreSQL parses it once per connection and,
 * after a few runs, keeps its plan, instead of parsing and planning every request's statements
 * anew (docs/operations.md has what that gains in posts per second).
 *   - At most MAX_PREPARED texts per connection: the server keeps a plan for each, and texts that
 *     vary (an IN list of another length) must not grow that without bound.
 *   - A `*` in a select list stays unnamed: a prepared `select *` fails once a migration of a newer
 *     instance adds a column to the table it reads.
 *   - Transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT) goes as it is: there is nothing to plan.
 * One name per text for the whole process, so that pg, which remembers per connection what it
 * prepared under which name, never sees one name for two texts.
 * PG_PREPARED_STATEMENTS=off sends every statement unnamed: a pooler in transaction mode hands each
 * transaction another server connection, where a name prepared on the first one does not exist
 * (PgBouncer carries them from 1.21 on, with max_prepared_statements set).
 */
import type pg from 'pg';

const PREPARE_AFTER = 3;
const MAX_PREPARED = 200;
/** Texts counted per connection before the counts start over (they are a bounded set in practice). */
const MAX_COUNTED = 2_000;

const SELECT_STAR = /(?:select|,)\s*(?:"[^"]*"\.)?\*/i;
const CONTROL = /^\s*(?:begin|commit|rollback|savepoint|release|start transaction)\b/i;

const names = new Map<string, string>();

interface Seen {
  /** Runs so far of texts not prepared yet. */
  counts: Map<string, number>;
  prepared: Set<string>;
}
const seenBy = new WeakMap<pg.ClientBase, Seen>();

/** What to give `client.query` for `text`: the text alone, or a named statement. */
export function statementFor(
  client: pg.ClientBase,
  text: string,
  values: unknown[],
): string | { name: string; text: string; values: unknown[] } {
  if (CONTROL.test(text) || SELECT_STAR.test(text)) return text;
  let seen = seenBy.get(client);
  if (!seen) {
    seen = { counts: new Map(), prepared: new Set() };
    seenBy.set(client, seen);
  }
  if (!seen.prepared.has(text)) {
    if (seen.prepared.size >= MAX_PREPARED) return text;
    const count = (seen.counts.get(text) ?? 0) + 1;
    if (count < PREPARE_AFTER) {
      if (seen.counts.size >= MAX_COUNTED) seen.counts.clear();
      seen.counts.set(text, count);
      return text;
    }
    seen.counts.delete(text);
    seen.prepared.add(text);
  }
  let name = names.get(text);
  if (!name) {
    name = `pikir_${names.size + 1}`;
    names.set(text, name);
  }
  return { name, text, values };
}
