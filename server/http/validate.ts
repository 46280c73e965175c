import type { Context } from 'hono';
import * as v from 'valibot';
import { Refusal } from '../refusal.ts';

/** Parses `input` or throws a 400 that names every bad field. Schemas are strict: unknown fields fail. */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  refuseNul(input);
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  throw new Refusal('invalid_request', describeIssues(result.issues));
}

/**
 * PostgreSQL's text cannot hold U+0000: a NUL anywhere in a request would fail its statement (and
 * every read batched with it) as a storage error. Refused here, on both engines alike, as a 400.
 * A loop over a list of what is left to look at, not recursion: a body nested thousands deep
 * must not overflow the stack, and the field's path is built only for the string that holds one.
 */
export function refuseNul(input: unknown): void {
  const seen: { value: unknown; parent: number; key: string }[] = [{ value: input, parent: -1, key: '' }];
  for (let i = 0; i < seen.length; i++) {
    const { value } = seen[i]!;
    if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) seen.push({ value: child, parent: i, key });
    } else if (typeof value === 'string' && value.includes('\u0000')) {
      const path: string[] = [];
      for (let at = i; at > 0; at = seen[at]!.parent) path.unshift(seen[at]!.key);
      const where = path.length ? `${path.join('.')}: ` : '';
      throw new Refusal('invalid_request', `${where}must not contain the NUL character (U+0000)`);
    }
  }
}

/** The query string with repeated keys as arrays (`?page=a&page=b`) and single keys as strings. */
export function queryOf(c: Context): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(c.req.queries())) {
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

/** A JSON body validated by `schema`; wrong content type is 415, malformed JSON 400. */
export async function jsonBody<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new Refusal('unsupported_media_type', 'Send the request body as application/json.');
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new Refusal('invalid_request', 'The request body is not valid JSON.');
  }
  return parseInput(schema, body);
}

function describeIssues(issues: v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.');
      const message = issue.type === 'strict_object' ? 'is not a known field' : issue.message;
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}
