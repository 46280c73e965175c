/**
 * The reader's dictionary in two parts for the widget's build: what the reading path shows (the
 * thread, the comment buttons, the account prompt, and the few errors a thread read can end in)
 * and what only a click leads to (the report dialog, the reasons, every other error text, about
 * half of the dictionary's bytes). The widget loads the second part with the on-click forms and
 * the auth flows, when the browser is idle after the first paint.
 */
import type { Dictionary } from './en.ts';

/** Errors the reading path may have to show before anything else has loaded. */
const READING_ERRORS = ['network', 'internal', 'rate_limited'];

export interface LaterPart {
  report: Dictionary['report'];
  complaintReasons: Dictionary['complaintReasons'];
  errors: Partial<Dictionary['errors']>;
}

export function dictionaryParts(t: Dictionary): { reading: Dictionary; later: LaterPart } {
  const { report, complaintReasons, errors, ...rest } = t;
  const pick = (reading: boolean) =>
    Object.fromEntries(Object.entries(errors).filter(([code]) => READING_ERRORS.includes(code) === reading));
  return {
    reading: { ...rest, errors: pick(true) } as Dictionary,
    later: { report, complaintReasons, errors: pick(false) },
  };
}

/** Completes a reading part with its later part, in place: the widget's Locale keeps its object. */
export function completeDictionary(t: Dictionary, later: LaterPart): void {
  Object.assign(t.errors, later.errors);
  t.report = later.report;
  t.complaintReasons = later.complaintReasons;
}
