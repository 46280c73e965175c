/** Valibot schemas for every input that crosses the wire; the server enforces, the widget mirrors. */
import * as v from 'valibot';
import { COUNTS_MAX_PAGES, PAGE_KEY_MAX, SITE_ID_PATTERN } from './limits.ts';

export const siteIdSchema = v.pipe(
  v.string(),
  v.regex(SITE_ID_PATTERN, 'must be 1-63 lower-case letters, digits or dashes'),
);

export const pageKeySchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(PAGE_KEY_MAX, `must be at most ${PAGE_KEY_MAX} characters`),
);

/** `created_at.id` of the last top-level comment of the previous page. */
export const cursorSchema = v.pipe(
  v.string(),
  v.regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,64}$/, 'is not a valid cursor'),
);

export const threadQuerySchema = v.strictObject({
  page: pageKeySchema,
  cursor: v.optional(cursorSchema),
});

const oneOrMany = <T extends v.GenericSchema<string, string>>(item: T) =>
  v.pipe(
    v.union([v.string(), v.array(v.string())]),
    v.transform((value) => (Array.isArray(value) ? value : [value])),
    v.array(item),
  );

export const countsQuerySchema = v.strictObject({
  site: siteIdSchema,
  page: v.pipe(
    oneOrMany(pageKeySchema),
    v.minLength(1, 'needs at least one page'),
    v.maxLength(COUNTS_MAX_PAGES, `may name at most ${COUNTS_MAX_PAGES} pages`),
  ),
});
