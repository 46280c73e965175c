import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ThreadContextValue } from '../../state/widget.ts';

export const ThreadContext = createContext<ThreadContextValue | null>(null);

export function useThreadContext(): ThreadContextValue {
  const value = useContext(ThreadContext);
  if (!value) throw new Error('ThreadContext is missing');
  return value;
}
