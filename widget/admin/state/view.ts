/** Which screen of the signed-in panel is showing. */
import { signal } from '@preact/signals';

export type View = 'queue' | 'audit' | 'bans' | 'settings' | 'team';

export type ViewStore = ReturnType<typeof createViewStore>;

export function createViewStore(initial: View = 'queue') {
  const view = signal<View>(initial);
  const show = (next: View) => {
    view.value = next;
  };
  return { view, show };
}
