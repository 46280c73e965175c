import type { ReadonlySignal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CommentActions } from '../../state/comments.ts';

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

export const ThreadContext = createContext<ThreadContextValue | null>(null);

export function useThreadContext(): ThreadContextValue {
  const value = useContext(ThreadContext);
  if (!value) throw new Error('ThreadContext is missing');
  return value;
}
