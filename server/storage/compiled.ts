/**
 * A query Kysely builds and compiles once per database, then runs with new parameters:
 * for the statements every read or post runs, where building the query tree on every request
 * costs more than running it (the drivers then reuse their prepared statement for the same SQL).
 */
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Slot = { arg: number } | { value: unknown };

export function compiledOnce<R>(
  arity: number,
  build: (db: Kysely<Database>, ...args: string[]) => Compilable<R>,
): (db: Kysely<Database>, ...args: unknown[]) => Promise<R[]> {
  // Keyed by the dialect's adapter, which a database handle shares with its transactions (each
  // transaction is a handle of its own): compiled once per database, inside transactions too.
  const compiled = new WeakMap<object, { query: CompiledQuery<R>; slots: Slot[] }>();
  return async (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let entry = compiled.get(adapter);
    if (!entry) {
      // Each argument is built in as a value nothing else can be, then found among the parameters.
      const marks = Array.from({ length: arity }, (_, i) => `\u0000pikir-arg-${i}\u0000`);
      const query = build(db, ...marks).compile();
      const slots = query.parameters.map((p): Slot => {
        const arg = marks.indexOf(p as string);
        return arg >= 0 ? { arg } : { value: p };
      });
      if (new Set(slots.flatMap((s) => ('arg' in s ? [s.arg] : []))).size !== arity) {
        throw new Error('compiledOnce: each argument must appear as a parameter');
      }
      entry = { query, slots };
      compiled.set(adapter, entry);
    }
    const parameters = entry.slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
    // The same query node: the SQLite driver sends a SELECT to its reader by it.
    const result = await db.executeQuery<R>({ ...entry.query, parameters });
    return result.rows;
  };
}

/** A numeric argument inside `build`: its mark is a string, but stands for the number passed later. */
export function numberArg(mark: string): number {
  return mark as unknown as number;
}
