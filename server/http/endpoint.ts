/**
 * Routes built from the HTTP contract (shared/contract/). `new Endpoints().endpoint(key, handler)`
 * registers the entry's method and path; the handler gets the path's params and the query and body
 * validated by the entry's schemas, and returns the answer's body, which goes out with the entry's
 * status (a `reply()` when one endpoint has two success statuses), or a Response it made itself. The entry's guard is put in
 * front of it by app.ts, from the same table.
 */
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type SuccessStatus, splitKey } from '../../shared/contract/endpoint.ts';
import { type Answer, contract, type Endpoint, type Input } from '../../shared/contract/index.ts';
import type { AppEnv } from './env.ts';
import { jsonBody, parseInput, queryOf, refuseNul } from './validate.ts';

/** An answer with a status other than the entry's own (a complaint already reported: 200, not 201). */
export class Reply<T> {
  constructor(
    readonly status: SuccessStatus,
    readonly body: T,
  ) {}
}

export const reply = <T>(status: SuccessStatus, body: T) => new Reply(status, body);

export type Handler<K extends Endpoint> = (
  c: Context<AppEnv>,
  input: Input<K>,
) => Promise<Answer<K> | Reply<Answer<K>> | Response>;

export class Endpoints extends Hono<AppEnv> {
  endpoint<K extends Endpoint>(key: K, handler: Handler<K>): this {
    const spec = contract[key];
    const [method, path] = splitKey(key);
    this.on(method, path, async (c) => {
      const params = c.req.param() as Record<string, string>;
      refuseNul(params);
      const input = {
        params,
        query: 'query' in spec ? parseInput(spec.query, queryOf(c)) : undefined,
        body: 'body' in spec ? await jsonBody(c, spec.body) : undefined,
      } as unknown as Input<K>;
      const result = await handler(c, input);
      // A handler that already made its response (a 304, an answer cached as JSON text).
      if (result instanceof Response) return result;
      const { status, body } = result instanceof Reply ? result : { status: spec.status, body: result };
      return status === 204 ? c.body(null, 204) : c.json(body, status as ContentfulStatusCode);
    });
    return this;
  }
}
