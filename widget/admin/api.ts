/**
 * The admin panel's client of the contract (shared/client.ts): the session is the HttpOnly
 * cookie the server sets, so this code never sees a token.
 */
import { type Client, createClient, panelCookie } from '../../shared/client.ts';

export type AdminApi = Client;

export interface AdminApiOptions {
  /** The global fetch by default; tests pass one that calls the app in memory. */
  fetch?: typeof fetch;
  /** Called when a request comes back 401: the session ended on the server. */
  onUnauthorized?: () => void;
}

export function createAdminApi(options: AdminApiOptions = {}): AdminApi {
  return createClient({ credentials: panelCookie(), ...options });
}
