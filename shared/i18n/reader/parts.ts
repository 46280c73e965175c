/**
 * The reader's dictionary in two parts for the widget's build: what the reading path shows (the
 * thread, the comment buttons, the account prompt, and the few errors a thread read can end in)
 * and what only a click or an admin leads to (the comment form, the delete confirmation, the
 * report dialog, the reasons, the admins' pin and close buttons, every other error text, about
 * half of the dictionary's bytes). The widget loads the second part with the on-click forms and
 * the auth flows, fetched with the interactive widget when the thread comes into view.
 */
import type { Dictionary } from './en.ts';

/** Errors the reading path may have to show before anything else has loaded. */
const READING_ERRORS = ['network', 'internal', 'rate_limited'];
/**
 * Texts of the comment form and the delete confirmation (both open by a click), the pace between
 * two comments (only a post meets it), and the buttons only admins see (shown once this part is there).
 */
const LATER_COMMENTS = [
  'send',
  'save',
  'cancel',
  'charsLeft',
  'sendHint',
  'confirmDelete',
  'pace',
  'pin',
  'unpin',
];
const LATER_THREAD = ['closeThread', 'reopenThread'];

export interface LaterPart {
  report: Dictionary['report'];
  complaintReasons: Dictionary['complaintReasons'];
  errors: Partial<Dictionary['errors']>;
  comments: Partial<Dictionary['comments']>;
  thread: Partial<Dictionary['thread']>;
}

/** The entries of `texts` whose keys are in `keys` (`inKeys`) or are not. */
function split<T extends object>(texts: T, keys: string[], inKeys: boolean): Partial<T> {
  return Object.fromEntries(
    Object.entries(texts).filter(([key]) => keys.includes(key) === inKeys),
  ) as Partial<T>;
}

export function dictionaryParts(t: Dictionary): { reading: Dictionary; later: LaterPart } {
  const { report, complaintReasons, errors, comments, thread, ...rest } = t;
  return {
    reading: {
      ...rest,
      errors: split(errors, READING_ERRORS, true),
      comments: split(comments, LATER_COMMENTS, false),
      thread: split(thread, LATER_THREAD, false),
    } as Dictionary,
    later: {
      report,
      complaintReasons,
      errors: split(errors, READING_ERRORS, false),
      comments: split(comments, LATER_COMMENTS, true),
      thread: split(thread, LATER_THREAD, true),
    },
  };
}

/** Completes a reading part with its later part, in place: the widget's Locale keeps its object. */
export function completeDictionary(t: Dictionary, later: LaterPart): void {
  Object.assign(t.errors, later.errors);
  Object.assign(t.comments, later.comments);
  Object.assign(t.thread, later.thread);
  t.report = later.report;
  t.complaintReasons = later.complaintReasons;
}
