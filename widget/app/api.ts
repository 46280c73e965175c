/**
 * The reader widget's client of the contract (shared/client.ts): Bearer sessions from the host
 * page's storage, and every path on the widget's own site.
 */
import { bearerToken, type Client, createClient, type TokenSource } from '../../shared/client.ts';

export type WidgetApi = Client<'site'>;

export interface ApiOptions {
  site: string;
  tokens?: TokenSource;
  /** The global fetch by default; tests pass one that calls the app in memory. */
  fetch?: typeof fetch;
}

export function createApi(base: string, options: ApiOptions): WidgetApi {
  return createClient({
    base,
    bound: { site: options.site },
    credentials: bearerToken(options.tokens),
    fetch: options.fetch,
  });
}

/** Ends the session of `token` on the server, whatever token the page holds now. */
export type Revoke = (token: string) => Promise<unknown>;

/**
 * A sign-out for a token this page no longer holds: the reader who left while offline is signed
 * out here at once, and their session on the server ends when the network is back.
 */
export function createRevoke(base: string, options: Omit<ApiOptions, 'tokens'>): Revoke {
  return (token) =>
    createApi(base, { ...options, tokens: { read: () => token, clear: () => {} } }).call(
      'POST /api/sites/:site/auth/logout',
    );
}
