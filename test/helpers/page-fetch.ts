/**
 * The `fetch` of a browser page that reaches the real app in memory: `app.request()` instead of a
 * socket. It does what the browser adds to a page's requests: the page's Origin on cross-origin
 * and unsafe requests, and a cookie jar for same-origin ones (HttpOnly cookies included, Secure
 * ones over https only). Every request is kept in `requests` with the server's JSON answer, and
 * `failNextRequestTo` makes the network, not the server, fail the next request to a path.
 */
import { getSetCookies, Headers, Request, Response } from 'undici';
import type { App } from '../../server/app.ts';

// The server runs on the runtime's fetch classes. happy-dom's are a page's view of them: they drop
// the headers a page may not touch (Origin, Cookie, Set-Cookie), which the server reads and sets.
Object.assign(globalThis, { Headers, Request, Response });

export interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The headers the page's code set (not the Origin and Cookie the browser adds). */
  headers: Headers;
  authorization: string | null;
  credentials: RequestCredentials | undefined;
  /** The JSON body, parsed. */
  body: unknown;
  /** The server's JSON answer, once it has come. */
  answer?: unknown;
}

interface StoredCookie {
  name: string;
  value: string;
  path: string;
  secure: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Requests on their way, of every page: `answered()` waits for them. */
const inFlight = new Set<Promise<unknown>>();

/** Waits until no request is on its way; true when there was one to wait for. */
export async function answered(): Promise<boolean> {
  if (inFlight.size === 0) return false;
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  return true;
}

/** A page at `pageOrigin` ("https://news.example.kz") talking to `app`. */
export function pageFetch(app: App, pageOrigin: string) {
  const requests: SentRequest[] = [];
  const failing: string[] = [];
  const jar = new Map<string, StoredCookie>();

  const cookiesFor = (url: URL) =>
    [...jar.values()]
      .filter((c) => url.pathname.startsWith(c.path) && (!c.secure || url.protocol === 'https:'))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');

  function keep(url: URL, response: Response) {
    for (const cookie of getSetCookies(response.headers)) {
      const path = cookie.path ?? (url.pathname.slice(0, url.pathname.lastIndexOf('/')) || '/');
      const key = `${cookie.name};${path}`;
      if (cookie.secure && url.protocol !== 'https:') continue;
      if (cookie.maxAge !== undefined && cookie.maxAge <= 0) jar.delete(key);
      else jar.set(key, { name: cookie.name, value: cookie.value, path, secure: cookie.secure ?? false });
    }
  }

  async function send(url: URL, init: RequestInit, sent: SentRequest): Promise<Response> {
    const sameOrigin = url.origin === pageOrigin;
    const credentials = init.credentials ?? 'same-origin';
    const withCookies = credentials === 'include' || (credentials === 'same-origin' && sameOrigin);
    const headers = new Headers(sent.headers);
    if (!sameOrigin || !SAFE_METHODS.has(sent.method)) headers.set('Origin', pageOrigin);
    const cookie = withCookies ? cookiesFor(url) : '';
    if (cookie) headers.set('Cookie', cookie);
    const response = (await app.request(url.href, {
      method: sent.method,
      headers,
      body: init.body,
    })) as unknown as Response;
    if (withCookies) keep(url, response);
    if (response.headers.get('content-type')?.includes('application/json')) {
      sent.answer = await response.clone().json();
    }
    return response;
  }

  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), pageOrigin);
    const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0]);
    const sent: SentRequest = {
      method: (init.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers,
      authorization: headers.get('Authorization'),
      credentials: init.credentials,
      body: typeof init.body === 'string' && init.body !== '' ? JSON.parse(init.body) : undefined,
    };
    requests.push(sent);
    const failure = failing.indexOf(url.pathname);
    if (failure >= 0) {
      failing.splice(failure, 1);
      throw new TypeError('Failed to fetch');
    }
    const answer = send(url, init, sent);
    inFlight.add(answer);
    try {
      return await answer;
    } finally {
      inFlight.delete(answer);
    }
  }) as unknown as typeof globalThis.fetch;

  return {
    fetch,
    requests,
    /** The next request to `path` fails as fetch does when the server cannot be reached. */
    failNextRequestTo(path: string) {
      failing.push(path);
    },
  };
}

export type PageFetch = ReturnType<typeof pageFetch>;
