/**
 * The session token, kept in the host page's localStorage under `pikir:session:<site>`. Third-party
 * cookies are blocked by browsers and the widget runs in the site's own document, so the site's
 * storage is where a reload finds the reader again.
 */

import type { TokenSource } from '../../../shared/client.ts';
import { signal } from '../signals.ts';

export type TokenStore = ReturnType<typeof createTokenStore>;

/**
 * `storage` defaults to the page's localStorage. When it is missing or throws (Safari private
 * windows of old, sandboxed frames, storage disabled) the token lives in memory for this page view.
 */
export function createTokenStore(site: string, storage: Storage | null = pageStorage()) {
  const key = `pikir:session:${site}`;
  const token = signal<string | null>(attempt(() => storage?.getItem(key)) ?? null);

  const save = (value: string) => {
    token.value = value;
    attempt(() => storage?.setItem(key, value));
  };
  const clear = () => {
    token.value = null;
    attempt(() => storage?.removeItem(key));
  };

  /** Another tab of the same site signed in or out: follow it. Returns the unsubscribe. */
  const followOtherTabs = (win: Window, changed: () => void) => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== key && event.key !== null) return;
      const stored = attempt(() => storage?.getItem(key)) ?? null;
      if (stored === token.value) return;
      token.value = stored;
      changed();
    };
    win.addEventListener('storage', onStorage);
    return () => win.removeEventListener('storage', onStorage);
  };

  /**
   * A token whose sign-out the server has not confirmed (not answered yet, or failed offline), kept
   * under `pikir:signout:<site>` until a later try (the `online` event, the next page view) ends
   * it on the server: forgetting it would leave the session alive there for SESSION_IDLE_MS. One
   * per site: a sign-out while an earlier one is still unanswered takes the place.
   */
  const parkedKey = `pikir:signout:${site}`;
  const parked = {
    read: () => attempt(() => storage?.getItem(parkedKey)) ?? null,
    keep: (value: string) => attempt(() => storage?.setItem(parkedKey, value)),
    /** Only while it still holds `value`: a sign-out made meanwhile has parked its own. */
    drop: (value: string) => {
      if (parked.read() === value) attempt(() => storage?.removeItem(parkedKey));
    },
  };

  const source: TokenSource = { read: () => token.value, clear };
  return { token, save, clear, source, followOtherTabs, parked };
}

function pageStorage(): Storage | null {
  // Merely reading window.localStorage throws a SecurityError where storage is blocked.
  return attempt(() => window.localStorage) ?? null;
}

function attempt<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    return undefined;
  }
}
