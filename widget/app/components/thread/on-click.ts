/**
 * The forms a reader opens by a click: the comment form (new, reply, edit), the delete
 * confirmation and the report dialog, with their styles, and what the comments' buttons and the
 * sort control do (state/comment-writes.ts, reactions.ts).
 * A chunk of its own, off the reading path; the interactive widget fetches it when the thread
 * comes into view (interactive.tsx prefetch), and forms.tsx at once when a form is wanted before that.
 */

export {
  edit,
  moreReplies,
  post,
  remove,
  report,
  setClosed,
  setHidden,
} from '../../state/comment-writes.ts';
export { Composer } from './composer.tsx';
export { ConfirmDelete } from './confirm-delete.tsx';
export { pin, react, sortBy } from './reactions.ts';
export { ReportDialog } from './report-dialog.tsx';
