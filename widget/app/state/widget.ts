/** Every store of one mounted widget, wired together: main.ts draws them, tests drive them. */

import type { Revoke, WidgetApi } from '../api.ts';
import type { WidgetOptions } from '../options.ts';
import { computed, effect, type ReadonlySignal } from '../signals.ts';
import { type CommentActions, createCommentActions } from './comments.ts';
import { createSessionStore } from './session.ts';
import { createThreadStore } from './thread.ts';
import type { TokenStore } from './token.ts';

export interface Viewer {
  id: string;
  admin: boolean;
}

/** What every comment needs to offer its actions, without passing it through each level. */
export interface ThreadContextValue {
  viewer: ReadonlySignal<Viewer | null>;
  actions: CommentActions;
  /** Anonymous readers who try to reply or report are asked to sign in first. */
  requireSignIn: () => void;
}

export function createWidgetStores(
  api: WidgetApi,
  tokens: TokenStore,
  options: Pick<WidgetOptions, 'site' | 'page' | 'title' | 'url' | 'first' | 'order'>,
  /** Ends a session by its token (api.ts createRevoke): the sign-out that outlives going offline. */
  revoke: Revoke,
) {
  const thread = createThreadStore(api, options);
  const session = createSessionStore(api, tokens, revoke);
  const context: ThreadContextValue = {
    viewer: computed<Viewer | null>(() => {
      const reader = session.reader.value;
      return reader ? { id: reader.id, admin: reader.admin } : null;
    }),
    actions: createCommentActions(api, thread, options),
    requireSignIn: () => {
      session.wanted.value = 'signIn';
    },
  };
  // Signing in or out changes what the thread holds for this reader (own comments under review,
  // what an admin sees), so it is fetched again for the new reader.
  let readerId: string | null = null;
  const stop = effect(() => {
    const id = session.reader.value?.id ?? null;
    if (id === readerId) return;
    readerId = id;
    void thread.reload();
  });
  return { thread, session, context, stop };
}
