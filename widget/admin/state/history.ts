/** One author's history on one site (comments and past moderation), fetched when first asked for. */
import { batch, signal } from '@preact/signals';
import type { AuthorHistory } from '../../../shared/api.ts';
import { codeOf } from '../../../shared/client.ts';
import type { AdminApi } from '../api.ts';

export type HistoryStore = ReturnType<typeof createHistoryStore>;

export function createHistoryStore(api: AdminApi, site: string, userId: string) {
  const history = signal<AuthorHistory | null>(null);
  const loading = signal(false);
  const error = signal<string | null>(null);

  async function load() {
    if (loading.value) return;
    batch(() => {
      loading.value = true;
      error.value = null;
    });
    try {
      history.value = await api.call('GET /admin/api/users/:id/history', {
        params: { id: userId },
        query: { site },
      });
    } catch (failure) {
      error.value = codeOf(failure);
    } finally {
      loading.value = false;
    }
  }

  /** Loads on the first call only; a failed load is retried by calling load(). */
  function ensure() {
    if (!history.value && !error.value) void load();
  }

  return { history, loading, error, load, ensure };
}
