/**
 * The one client of the HTTP contract, for the reader widget and the admin panel alike. Each call
 * names an endpoint of contract/ by its key; what it takes and answers is that entry's type, so
 * a caller can neither send a wrong body nor choose the answer's type. Only types are imported
 * from the contract: no schema reaches the page. Every failure becomes an ApiFailure with a
 * stable code of errors.ts, or "network" when the server could not be reached.
 */
import { fillPath, splitKey } from './contract/endpoint.ts';
import type { Answer, Endpoint, Request } from './contract/index.ts';
import type { ErrorBody } from './errors.ts';

export type ErrorDetails = ErrorBody['error'];

export class ApiFailure extends Error {
  constructor(
    /** A code of errors.ts, or "network". */
    readonly code: string,
    /** The server's error body when it sent one (retryAfter, until, reason…). */
    readonly details: Partial<ErrorDetails> = {},
  ) {
    super(details.message ?? code);
  }

  /** With rate_limited: whole seconds until the request may be repeated. */
  get retryAfter(): number | undefined {
    return this.details.retryAfter;
  }
}

/** The stable code of any failure, "internal" for what is not an ApiFailure. */
export function codeOf(error: unknown): string {
  return error instanceof ApiFailure ? error.code : 'internal';
}

/** Where a reader's session token comes from, and what to do when the server says it is gone. */
export interface TokenSource {
  read(): string | null;
  clear(): void;
}

/** How requests prove who is asking: `bearerToken()` for the widget, `panelCookie()` for the panel. */
type HeaderMap = Record<string, string>;

export interface Credentials {
  /** The headers and fetch options a request to `method` carries. */
  prove(method: string): { headers: HeaderMap; init: Pick<RequestInit, 'credentials'> };
  /** The server answered 401 unauthorized to a request that carried `sent`. */
  ended(sent: HeaderMap): void;
}

/**
 * The widget: `Authorization: Bearer` from `tokens`, no cookies (the page's origin is not ours).
 * A 401 to a request that carried the token clears it: the session ended elsewhere (sign-out in
 * another tab, a password change, expiry), and keeping it would only repeat the refusal.
 */
export function bearerToken(tokens?: TokenSource): Credentials {
  return {
    prove() {
      const token = tokens?.read();
      const headers: HeaderMap = token ? { Authorization: `Bearer ${token}` } : {};
      return { headers, init: {} };
    },
    ended(sent) {
      const token = tokens?.read();
      if (token && sent.Authorization === `Bearer ${token}`) tokens?.clear();
    },
  };
}

/**
 * The admin panel, a page of this server: its HttpOnly cookie, which is SameSite=Strict and
 * same-origin only, and `X-Pikir-Admin: 1` on every unsafe request, a second CSRF guard that no
 * other origin can send without a CORS preflight.
 */
export function panelCookie(): Credentials {
  return {
    prove(method) {
      const headers: HeaderMap = method === 'GET' ? {} : { 'X-Pikir-Admin': '1' };
      return { headers, init: { credentials: 'same-origin' } };
    },
    ended() {},
  };
}

export interface ClientOptions<Bound extends string> {
  /** The server's origin; '' (the default) for the page's own. */
  base?: string;
  credentials: Credentials;
  /** Path parameters every call shares, filled in by the client (the widget's `site`). */
  bound?: Record<Bound, string>;
  /** Called when the server answers 401 unauthorized: the session ended on the server. */
  onUnauthorized?: () => void;
  /** The global fetch by default; tests pass one that calls the app in memory. */
  fetch?: typeof fetch;
}

type Args<K extends Endpoint, Bound extends string> =
  object extends Request<K, Bound> ? [input?: Request<K, Bound>] : [input: Request<K, Bound>];

export interface Client<Bound extends string = never> {
  call<K extends Endpoint>(key: K, ...args: Args<K, Bound>): Promise<Answer<K>>;
}

export function createClient<Bound extends string = never>(options: ClientOptions<Bound>): Client<Bound> {
  const { credentials } = options;
  const base = options.base ?? '';
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));

  async function call(key: Endpoint, input: Partial<Record<'params' | 'query' | 'body', unknown>> = {}) {
    const [method, path] = splitKey(key);
    const params = { ...options.bound, ...(input.params as Record<string, string> | undefined) };
    const url = `${base}${fillPath(path, params)}${search(input.query as Query | undefined)}`;
    const proof = credentials.prove(method);
    const headers: HeaderMap = { Accept: 'application/json', ...proof.headers };
    if (input.body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await fetchFn(url, {
        method,
        headers,
        ...proof.init,
        body: input.body === undefined ? undefined : JSON.stringify(input.body),
      });
    } catch {
      throw new ApiFailure('network');
    }
    if (response.status === 204) return undefined;
    const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
    if (response.ok && body !== null) return body;
    const code = body?.error?.code ?? (response.status === 401 ? 'unauthorized' : 'internal');
    if (code === 'unauthorized') {
      credentials.ended(headers);
      options.onUnauthorized?.();
    }
    throw new ApiFailure(code, body?.error ?? {});
  }

  return { call: call as Client<Bound>['call'] };
}

type Query = Record<string, string | string[] | undefined>;

/** `?a=1&b=x&b=y`, or '' when nothing is set. */
function search(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) params.append(key, one);
  }
  const text = String(params);
  return text ? `?${text}` : '';
}
