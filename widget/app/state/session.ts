/**
 * Who is reading: nobody, or a signed-in reader restored from the stored token. Small on purpose:
 * this is on the reading path; the sign-in flows themselves load lazily.
 */

import type { PublicUser, SignedIn } from '../../../shared/api.ts';
import { ApiFailure } from '../../../shared/client.ts';
import type { Revoke, WidgetApi } from '../api.ts';
import { batch, computed, signal } from '../signals.ts';
import type { AuthStart } from './auth-flow.ts';
import type { TokenStore } from './token.ts';

export type SessionStore = ReturnType<typeof createSessionStore>;

export function createSessionStore(api: WidgetApi, tokens: TokenStore, revoke: Revoke) {
  const user = signal<PublicUser | null>(null);
  /** True while a stored token is being checked: the widget shows no sign-in prompt meanwhile. */
  const restoring = signal(false);
  const signingOut = signal(false);
  /** Set when a reader tries to reply or report while signed out: the account area opens this flow. */
  const wanted = signal<AuthStart | null>(null);
  /** The signed-in reader; null as soon as the token is gone (a 401 clears it, see api.ts). */
  const reader = computed(() => (tokens.token.value ? user.value : null));

  /** Asks the server who the stored token belongs to; a reload keeps the reader signed in. */
  async function restore() {
    const token = tokens.token.value;
    if (!token) return;
    restoring.value = true;
    try {
      const me = await api.call('GET /api/sites/:site/auth/me');
      if (tokens.token.value === token) user.value = me.user;
    } catch {
      // A 401 has already cleared the token. Other failures (offline, 5xx) keep it for the next
      // page view: the reader simply looks signed out on this one.
    } finally {
      restoring.value = false;
    }
  }

  function signedIn(result: SignedIn) {
    batch(() => {
      tokens.save(result.token);
      user.value = result.user;
    });
  }

  /**
   * Signs out here at once and ends the session on the server. The token is parked until the
   * server has taken the sign-out, so a failure, or a page closed before the answer, leaves it for
   * retrySignOut (when the network is back, or on the next page view).
   */
  async function signOut() {
    const token = tokens.token.value;
    batch(() => {
      if (token) tokens.parked.keep(token);
      tokens.clear();
      user.value = null;
    });
    if (token) await endOnServer(token);
  }

  async function endOnServer(token: string) {
    if (signingOut.value) return;
    signingOut.value = true;
    try {
      await revoke(token);
      tokens.parked.drop(token);
    } catch (failure) {
      // 401: the session has already ended there. Anything else (offline, 5xx) stays parked.
      if (failure instanceof ApiFailure && failure.code === 'unauthorized') tokens.parked.drop(token);
    } finally {
      signingOut.value = false;
    }
  }

  /** Sends a sign-out the server has not taken yet, if there is one (on start and when online). */
  function retrySignOut() {
    const token = tokens.parked.read();
    if (token && token !== tokens.token.value) return endOnServer(token);
  }

  /** The network is back: a parked sign-out goes again. Returns the unsubscribe. */
  const followNetwork = (win: Window) => {
    const onOnline = () => void retrySignOut();
    win.addEventListener('online', onOnline);
    return () => win.removeEventListener('online', onOnline);
  };

  /** Follows sign-ins and sign-outs made in other tabs of the same site. Returns the unsubscribe. */
  const followOtherTabs = (win: Window) =>
    tokens.followOtherTabs(win, () => {
      user.value = null;
      void restore();
    });

  return {
    user,
    reader,
    restoring,
    signingOut,
    wanted,
    restore,
    signedIn,
    signOut,
    retrySignOut,
    followOtherTabs,
    followNetwork,
  };
}
