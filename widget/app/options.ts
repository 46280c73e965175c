import type { ThreadPage } from '../../shared/api.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import { type Theme, themes } from '../../shared/reading-vocabulary.ts';

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
  /** The order the reader chose on this site before (`old`, `best`), as the loader read it; '' or absent: newest first. */
  order?: string;
  /** The first thread page, requested by the loader while this code was loading. */
  first: { ok: true; body: ThreadPage } | { ok: false; body: ErrorBody };
}

/** The theme the loader was given, `light` for anything else. */
export function themeOf(value: string | undefined): Theme {
  return (themes as readonly string[]).includes(value ?? '') ? (value as Theme) : 'light';
}
