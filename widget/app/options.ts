import type { ThreadPage } from '../../shared/api.ts';
import type { ErrorBody } from '../../shared/errors.ts';

/** What the loader hands to the app's mount(). */
export interface WidgetOptions {
  /** The Pikir server's origin. */
  base: string;
  site: string;
  page: string;
  title: string;
  url: string;
  lang?: string;
  theme?: string;
  /** The first thread page, requested by the loader while this code was loading. */
  first: { ok: true; body: ThreadPage } | { ok: false; body: ErrorBody };
}

export type Theme = 'light' | 'dark' | 'auto';

export function themeOf(value: string | undefined): Theme {
  return value === 'dark' || value === 'auto' ? value : 'light';
}
