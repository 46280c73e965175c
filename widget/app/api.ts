/** Talks to the Pikir server. Every failure becomes an ApiFailure with a stable code. */
import type { ErrorBody } from '../../shared/api.ts';

export type ErrorDetails = ErrorBody['error'];

export class ApiFailure extends Error {
  constructor(
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

type Query = Record<string, string | undefined>;

export interface WidgetApi {
  get<T>(path: string, query?: Query): Promise<T>;
  /** A JSON body in, the JSON answer out (undefined for 204 No Content). */
  post<T>(path: string, body?: unknown): Promise<T>;
  send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

/** Where the session token comes from, and what to do when the server says it is gone. */
export interface TokenSource {
  read(): string | null;
  clear(): void;
}

export interface ApiOptions {
  tokens?: TokenSource;
  /** The fetch to use; the global one by default (tests pass a double). */
  fetch?: typeof fetch;
}

export function createApi(base: string, options: ApiOptions = {}): WidgetApi {
  const { tokens } = options;
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));

  async function request<T>(
    url: string,
    init: RequestInit & { headers: Record<string, string> },
  ): Promise<T> {
    // No cookies: the site's origin is not ours, and the token travels only in this header.
    const token = tokens?.read() ?? null;
    if (token) init.headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await fetchFn(url, init);
    } catch {
      throw new ApiFailure('network');
    }
    // A 401 on a signed-in request means the session ended elsewhere (sign-out on another tab,
    // a password change, expiry): keeping the token would only repeat the refusal.
    if (token && response.status === 401 && tokens?.read() === token) tokens.clear();
    if (response.status === 204) return undefined as T;
    const body = (await response.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
    if (!response.ok || body === null)
      throw new ApiFailure(body?.error?.code ?? 'internal', body?.error ?? {});
    return body;
  }

  const send = <T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
    request<T>(`${base}${path}`, {
      method,
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  return {
    get<T>(path: string, query: Query = {}) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
      const search = String(params);
      return request<T>(`${base}${path}${search ? `?${search}` : ''}`, {
        headers: { Accept: 'application/json' },
      });
    },
    post: <T>(path: string, body?: unknown) => send<T>('POST', path, body),
    send,
  };
}

/** The stable code of any failure, "internal" for what is not an ApiFailure. */
export function codeOf(error: unknown): string {
  return error instanceof ApiFailure ? error.code : 'internal';
}
