/**
 * The pre-moderation queue ("На проверке") as signals: one site at a time, oldest first. A
 * decision is not optimistic: the item shows what the server answered (published or rejected)
 * and stays in the list with that status until the next load.
 */
import { batch, signal } from '@preact/signals';
import type { QueueItem } from '../../../shared/api.ts';
import { codeOf } from '../../../shared/client.ts';
import type { AdminApi } from '../api.ts';
import { createPagedList } from './paged-list.ts';

export type HeldStore = ReturnType<typeof createHeldStore>;
export type HeldDecision = 'approve' | 'reject';

export function createHeldStore(api: AdminApi, firstSite: string) {
  const site = signal(firstSite);
  const list = createPagedList<QueueItem>(
    (cursor) => api.call('GET /admin/api/held', { query: { site: site.value, cursor } }),
    (item) => item.comment.id,
  );
  /** Per comment: the decision being sent, the one taken, or the error code of the last try. */
  const busy = signal<Record<string, boolean>>({});
  const done = signal<Record<string, HeldDecision>>({});
  const errors = signal<Record<string, string>>({});

  function filter(next: string) {
    site.value = next;
    return list.load();
  }

  async function decide(item: QueueItem, action: HeldDecision): Promise<void> {
    const id = item.comment.id;
    if (busy.value[id]) return;
    batch(() => {
      busy.value = { ...busy.value, [id]: true };
      errors.value = { ...errors.value, [id]: '' };
    });
    try {
      const updated = await api.call('POST /admin/api/comments/:id/actions', {
        params: { id },
        body: { site: item.site, action },
      });
      batch(() => {
        list.items.value = list.items.value.map((it) => (it.comment.id === id ? updated : it));
        done.value = { ...done.value, [id]: action };
      });
    } catch (failure) {
      errors.value = { ...errors.value, [id]: codeOf(failure) };
    } finally {
      busy.value = { ...busy.value, [id]: false };
    }
  }

  return { site, ...list, filter, decide, busy, done, errors };
}
