/**
 * The admin panel's client for /admin/api (shared/api.ts `adminPaths`). The session is the
 * HttpOnly cookie the server sets, so this code never sees a token. Every failure becomes an
 * AdminApiFailure with a stable error code ("network" when the server could not be reached).
 */
import {
  type AdminLogin,
  type AdminMe,
  type AuditPage,
  type AuthorHistory,
  adminPaths,
  type ErrorBody,
  type ModerationAction,
  type QueueItem,
  type QueuePage,
  type SiteEvents,
} from '../../shared/api.ts';

export class AdminApiFailure extends Error {
  constructor(
    readonly code: string,
    message = code,
  ) {
    super(message);
  }
}

export type QueueState = 'open' | 'closed';

export interface AdminApi {
  login(body: AdminLogin): Promise<AdminMe>;
  logout(): Promise<void>;
  me(): Promise<AdminMe>;
  queue(query: { site: string; status: QueueState; cursor?: string }): Promise<QueuePage>;
  history(userId: string, site: string): Promise<AuthorHistory>;
  act(commentId: string, action: ModerationAction): Promise<QueueItem>;
  audit(query: { site: string; cursor?: string }): Promise<AuditPage>;
  events(site: string): Promise<SiteEvents>;
}

export interface AdminApiOptions {
  /** Defaults to the global fetch; tests pass a double. */
  fetch?: typeof fetch;
  /** Called when a signed-in request comes back 401: the session ended on the server. */
  onUnauthorized?: () => void;
}

export function createAdminApi(options: AdminApiOptions = {}): AdminApi {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, signedIn = true): Promise<T> {
    // The cookie is SameSite=Strict and same-origin only; the custom header on unsafe requests
    // is a second CSRF guard, since no other origin can send it without a CORS preflight.
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (method !== 'GET') headers['X-Pikir-Admin'] = '1';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new AdminApiFailure('network');
    }
    if (response.status === 204) return undefined as T;
    const parsed = (await response.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
    if (!response.ok || parsed === null) {
      const code = parsed?.error?.code ?? (response.status === 401 ? 'unauthorized' : 'internal');
      if (code === 'unauthorized' && signedIn) options.onUnauthorized?.();
      throw new AdminApiFailure(code, parsed?.error?.message);
    }
    return parsed;
  }

  const withQuery = (path: string, query: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
    return `${path}?${params}`;
  };

  return {
    login: (body) => call<AdminMe>('POST', adminPaths.login, body, false),
    logout: () => call<void>('POST', adminPaths.logout),
    me: () => call<AdminMe>('GET', adminPaths.me, undefined, false),
    queue: (query) => call<QueuePage>('GET', withQuery(adminPaths.queue, query)),
    history: (userId, site) => call<AuthorHistory>('GET', withQuery(adminPaths.history(userId), { site })),
    act: (commentId, action) => call<QueueItem>('POST', adminPaths.act(commentId), action),
    audit: (query) => call<AuditPage>('GET', withQuery(adminPaths.audit, query)),
    events: (site) => call<SiteEvents>('GET', withQuery(adminPaths.events, { site })),
  };
}

/** The stable code of any failure, for the dictionaries' `errors` section. */
export function codeOf(error: unknown): string {
  return error instanceof AdminApiFailure ? error.code : 'internal';
}
