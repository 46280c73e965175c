/** Talks to the Pikir server. Every failure becomes an ApiFailure with a stable code. */
import type { ErrorBody } from '../../shared/api.ts';

export type ErrorDetails = ErrorBody['error'];

export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    /** The whole error body when the server sent one (retryAfter, until, reason…). */
    readonly details: Partial<ErrorDetails> = {},
  ) {
    super(details.message ?? code);
  }
}

type Query = Record<string, string | undefined>;

export interface WidgetApi {
  get<T>(path: string, query?: Query): Promise<T>;
  /** POST, PATCH or DELETE with a JSON body; 204 answers resolve to undefined. */
  send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

/** `token` gives the signed-in reader's session token, sent as a Bearer header. */
export function createApi(base: string, token: () => string | null = () => null): WidgetApi {
  const headers = (json: boolean): Record<string, string> => {
    const h: Record<string, string> = { Accept: 'application/json' };
    if (json) h['Content-Type'] = 'application/json';
    const t = token();
    if (t) h.Authorization = `Bearer ${t}`;
    return h;
  };
  return {
    get<T>(path: string, query: Query = {}) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
      return request<T>(`${base}${path}?${params}`, { headers: headers(false) });
    },
    send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) {
      const json = body !== undefined;
      return request<T>(`${base}${path}`, {
        method,
        headers: headers(json),
        body: json ? JSON.stringify(body) : undefined,
      });
    },
  };
}

async function request<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiFailure('network');
  }
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
  if (!response.ok || body === null) throw new ApiFailure(body?.error?.code ?? 'internal', body?.error ?? {});
  return body;
}
