/** Who is signed in to the panel: checked once at start, then changed by sign-in and sign-out. */
import { batch, signal } from '@preact/signals';
import type { AdminLogin, AdminMe } from '../../../shared/api.ts';
import { codeOf } from '../../../shared/client.ts';
import type { AdminApi } from '../api.ts';

export type SessionStatus = 'checking' | 'signedOut' | 'signedIn';

/**
 * Why the sign-in screen is showing besides an error code of the dictionaries: the account
 * moderates no site, or the session ended on the server while the panel was open.
 */
export type SignInNotice = 'no_sites' | 'expired';

export type SessionStore = ReturnType<typeof createSessionStore>;

export function createSessionStore(api: AdminApi) {
  const status = signal<SessionStatus>('checking');
  const me = signal<AdminMe | null>(null);
  /** An error code or a SignInNotice for the sign-in screen. */
  const error = signal<string | null>(null);
  const busy = signal(false);
  const signOutError = signal<string | null>(null);

  const enter = (who: AdminMe) =>
    batch(() => {
      // The server refuses such accounts at login; an empty list from /me is treated the same.
      const hasSites = who.sites.length > 0;
      me.value = hasSites ? who : null;
      status.value = hasSites ? 'signedIn' : 'signedOut';
      error.value = hasSites ? null : 'no_sites';
    });

  const leave = (reason: string | null) =>
    batch(() => {
      me.value = null;
      status.value = 'signedOut';
      error.value = reason;
      signOutError.value = null;
    });

  async function check() {
    status.value = 'checking';
    try {
      const who = await api.call('GET /admin/api/me');
      if (who.user) enter(who);
      else leave(null);
    } catch (failure) {
      const code = codeOf(failure);
      leave(code === 'unauthorized' ? null : code);
    }
  }

  async function signIn(login: AdminLogin) {
    if (busy.value) return;
    busy.value = true;
    error.value = null;
    try {
      enter(await api.call('POST /admin/api/login', { body: login }));
    } catch (failure) {
      const code = codeOf(failure);
      error.value = code === 'forbidden' ? 'no_sites' : code;
    } finally {
      busy.value = false;
    }
  }

  /** Stays signed in when the server could not be told: the cookie would still be valid. */
  async function signOut() {
    if (busy.value) return;
    busy.value = true;
    signOutError.value = null;
    try {
      await api.call('POST /admin/api/logout');
      leave(null);
    } catch (failure) {
      const code = codeOf(failure);
      if (code === 'unauthorized') leave(null);
      else signOutError.value = code;
    } finally {
      busy.value = false;
    }
  }

  /** The API answered 401 to a signed-in request. */
  function expire() {
    if (status.value === 'signedIn') leave('expired');
  }

  return { status, me, error, busy, signOutError, check, signIn, signOut, expire };
}
