/**
 * The pre-moderation parts of the panel (the "На проверке" queue, the settings' word lists) are a
 * chunk of their own with their texts, loaded when either screen opens: most visits work the
 * reports queue, and the panel's first load stays within its budget.
 */
import { useEffect, useState } from 'preact/hooks';

type Chunk = typeof import('./chunk.ts');

let chunk: Chunk | undefined;
let loading: Promise<Chunk> | undefined;

/** The chunk once it is there (undefined until then, or while a failed load is retried). */
export function usePreModeration(): Chunk | undefined {
  const [, loaded] = useState(0);
  useEffect(() => {
    if (chunk) return;
    loading ??= import('./chunk.ts').then(
      (module) => (chunk = module),
      (error) => {
        loading = undefined;
        throw error;
      },
    );
    loading.then(
      () => loaded((n) => n + 1),
      () => setTimeout(() => loaded((n) => n + 1), 2000),
    );
  });
  return chunk;
}
