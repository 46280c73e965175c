/** Talks to the Pikir server. Every failure becomes an ApiFailure with a stable code. */
import type { ErrorBody } from '../../shared/api.ts';

export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message = code,
  ) {
    super(message);
  }
}

export interface WidgetApi {
  get<T>(path: string, query?: Record<string, string | undefined>): Promise<T>;
}

export function createApi(base: string): WidgetApi {
  return {
    async get<T>(path: string, query: Record<string, string | undefined> = {}) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
      return request<T>(`${base}${path}?${params}`, { headers: { Accept: 'application/json' } });
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
  const body = (await response.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
  if (!response.ok || body === null) {
    throw new ApiFailure(body?.error?.code ?? 'internal', body?.error?.message);
  }
  return body;
}
