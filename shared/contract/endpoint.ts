/**
 * What one endpoint of the HTTP contract is: its key ("METHOD /path/:param"), who may call it,
 * the Valibot schemas of its query and body, its success status and the type of its answer.
 * The server registers its routes from these entries and validates with their schemas; the
 * client (shared/client.ts) derives every call's signature from them with type-only imports, so
 * no schema ever reaches a reader's page; a test holds the README's API tables to the same keys.
 */
import type * as v from 'valibot';

/**
 * Who may call an endpoint; the server puts the matching guard in front of it.
 *   public       anyone (a site's endpoints still answer browsers only from the site's origins)
 *   reader?      anyone; a reader's Bearer session, when sent, is read
 *   reader       a signed-in reader of the site (Bearer session), 401 otherwise
 *   panel?       the admin panel, before signing in (no session needed)
 *   panel        a signed-in admin of the panel (HttpOnly cookie), 401/403 otherwise
 */
export type Access = 'public' | 'reader?' | 'reader' | 'panel?' | 'panel';

export type SuccessStatus = 200 | 201 | 202 | 204;

/** Carries an answer's type through the table; never read at run time. */
export interface Answer<T> {
  readonly answer?: T;
}

export interface EndpointSpec {
  access: Access;
  /** The query string, with repeated keys as arrays. */
  query?: v.GenericSchema;
  /** The JSON body. */
  body?: v.GenericSchema;
  /** The status of a successful answer; a 204 has no body. */
  status: SuccessStatus;
  answer: Answer<unknown>;
}

/** The answer of a 204 endpoint. */
export type NoContent = undefined;

/**
 * An entry of the table, read left to right: `endpoint('reader').body(schema).answers<T>(201)`
 * is an endpoint for signed-in readers that takes a JSON body and answers 201 with a T.
 */
export function endpoint<const A extends Access>(access: A) {
  return new EntryBuilder({ access });
}

class EntryBuilder<S extends { access: Access }> {
  constructor(private readonly spec: S) {}

  query<Q extends v.GenericSchema>(schema: Q) {
    return new EntryBuilder({ ...this.spec, query: schema });
  }

  body<B extends v.GenericSchema>(schema: B) {
    return new EntryBuilder({ ...this.spec, body: schema });
  }

  answers<T>(status: SuccessStatus): S & { status: SuccessStatus; answer: Answer<T> } {
    return { ...this.spec, status, answer: {} };
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type EndpointKey = `${Method} /${string}`;
export type EndpointTable = Record<EndpointKey, EndpointSpec>;

export type MethodOf<K extends string> = K extends `${infer M extends Method} ${string}` ? M : never;
export type PathOf<K extends string> = K extends `${Method} ${infer P}` ? P : never;

/** The `:name` segments of a path. */
export type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export type Params<K extends string> = { [N in ParamNames<PathOf<K>>]: string };

type Schema<S, F extends 'query' | 'body'> = S extends { [P in F]: infer X extends v.GenericSchema }
  ? X
  : undefined;

/** What the server's handler gets: the params of the path and the query and body as validated. */
export interface ServerInput<T extends EndpointTable, K extends keyof T & string> {
  params: Params<K>;
  query: Schema<T[K], 'query'> extends v.GenericSchema ? v.InferOutput<Schema<T[K], 'query'>> : undefined;
  body: Schema<T[K], 'body'> extends v.GenericSchema ? v.InferOutput<Schema<T[K], 'body'>> : undefined;
}

/** What a client sends: the params of the path (but those it fills in itself), the query and the body. */
export type ClientInput<T extends EndpointTable, K extends keyof T & string, Bound extends string> = ([
  Exclude<ParamNames<PathOf<K>>, Bound>,
] extends [never]
  ? unknown
  : { params: { [N in Exclude<ParamNames<PathOf<K>>, Bound>]: string } }) &
  (Schema<T[K], 'query'> extends v.GenericSchema ? { query: v.InferInput<Schema<T[K], 'query'>> } : unknown) &
  (Schema<T[K], 'body'> extends v.GenericSchema ? { body: v.InferInput<Schema<T[K], 'body'>> } : unknown);

export type AnswerOf<T extends EndpointTable, K extends keyof T> = T[K] extends { answer: Answer<infer A> }
  ? A
  : never;

/** "POST /api/x/:id" -> ["POST", "/api/x/:id"]. */
export function splitKey<K extends EndpointKey>(key: K): [MethodOf<K>, PathOf<K>] {
  const space = key.indexOf(' ');
  return [key.slice(0, space) as MethodOf<K>, key.slice(space + 1) as PathOf<K>];
}

/** The path with each `:name` replaced by its value, encoded. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
