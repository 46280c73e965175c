import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CommentView, ThreadComment } from '../../../../shared/api.ts';
import { EDIT_WINDOW_MS } from '../../../../shared/limits.ts';
import { hueOf, initial } from '../../avatar.ts';
import { type Locale, laterArrived } from '../../i18n.ts';
import type { ThreadContextValue } from '../../state/widget.ts';
import { Failure } from '../failure.tsx';
import { commentText } from './comment-text.tsx';
import { loadForms, WithForms } from './forms.tsx';
import { MoreReplies } from './more-replies.tsx';
import { timeAgo } from './time-ago.tsx';

type Mode = 'read' | 'reply' | 'edit' | 'report' | 'confirm-delete';

interface Props {
  comment: ThreadComment | CommentView;
  /** The top-level comment a reply belongs to (replies to replies attach to it). */
  top: ThreadComment;
  now: number;
  /**
   * The locale and the thread's context as props rather than from their contexts: two hooks and
   * two subscriptions fewer for each of the hundred comments of a first render.
   */
  locale: Locale;
  context: ThreadContextValue;
}

export function Comment({ comment, top, now, locale, context }: Props) {
  const { t } = locale;
  const { viewer, actions, requireSignIn } = context;
  const [mode, setMode] = useState<Mode>('read');
  const [error, setError] = useState<unknown>(null);
  const replies = 'replies' in comment ? comment.replies : [];
  const me = viewer.value;
  const own = me !== null && me.id === comment.author.id;
  // Pre-moderation: a held comment is its author's (and admins') alone, so nobody replies to or
  // reports it; a rejected one shows its author only that it was refused.
  const held = comment.status === 'held';
  const rejected = comment.status === 'rejected';
  const max = actions.config.value.commentMaxLength;
  // A closed thread takes no replies or edits: it is only read (and moderated).
  const closed = actions.closed.value;

  // Closing a form or dialog puts focus back on the button that opened it (by its place in the
  // row: the edit button is away while editing), never on the host page's body.
  const actionsRow = useRef<HTMLDivElement>(null);
  const opener = useRef(-1);
  // A layout effect: focus moves in the same commit that removes the dialog, before the browser
  // paints or the reader's next key lands on the page's body.
  useLayoutEffect(() => {
    if (mode !== 'read' || opener.current < 0) return;
    (actionsRow.current?.children[opener.current] as HTMLElement | undefined)?.focus();
    opener.current = -1;
  }, [mode]);

  const signedIn = (next: Mode) => (event: Event) => {
    if (!me) return requireSignIn();
    opener.current = [...(actionsRow.current?.children ?? [])].indexOf(event.currentTarget as Element);
    setError(null);
    setMode(next);
  };
  const run = (action: () => Promise<void>) => async () => {
    setError(null);
    try {
      await action();
      setMode('read');
    } catch (failure) {
      setError(failure);
    }
  };

  // Like and dislike: the count shows to all; the button is not offered on one's own comment nor
  // in a closed thread.
  const reaction = (kind: 'like' | 'dislike') => (
    <button
      type="button"
      class="link"
      aria-pressed={comment.mine === kind}
      disabled={own || closed}
      onClick={() =>
        me
          ? run(async () =>
              (await loadForms()).react(actions, comment, comment.mine === kind ? 'none' : kind),
            )()
          : requireSignIn()
      }
    >
      {`${t.comments[kind]} ${(kind === 'like' ? comment.likes : comment.dislikes) ?? 0}`}
    </button>
  );

  // An erased account's comments are signed "Удалённый пользователь".
  const author = comment.author.deleted ? t.comments.deletedUser : comment.author.name;
  // What stands in the place of a deleted or a rejected comment.
  const placeholder = rejected ? t.comments.rejected : comment.status === 'deleted' ? t.comments.deleted : '';
  return (
    <li class="comment" id={`pikir-${comment.id}`}>
      <article aria-label={placeholder || author} class={`status-${comment.status}`}>
        {/* No fragment around the parts of a shown comment: each would be one more component for
            every comment of the first render. */}
        {placeholder ? (
          <p class="placeholder">{placeholder}</p>
        ) : (
          <header class="meta">
            <span class="avatar" aria-hidden="true" style={{ background: hueOf(comment.author.id) }}>
              {initial(author)}
            </span>
            <strong class="author">{author}</strong>
            {/* One unbreakable piece: "· изменено" never drops onto a line of its own. */}
            <span class="when">
              {/* The permalink: opened anywhere, the widget scrolls to this comment (permalink.ts). */}
              <a href={`${actions.page.url}#pikir-${comment.id}`}>
                {timeAgo(locale, comment.createdAt, now)}
              </a>
              {comment.editedAt !== null && <span class="edited">{`· ${t.thread.edited}`}</span>}
            </span>
            {comment.pinned && <span class="pinned">{t.comments.pinned}</span>}
          </header>
        )}
        {comment.status === 'review' && <p class="note">{t.comments.underReview}</p>}
        {comment.status === 'hidden' && <p class="note">{t.comments.hidden}</p>}
        {held && (
          <p class="note">
            <strong class="held">{t.comments.held}</strong> · {t.comments.heldHint}
          </p>
        )}
        {placeholder ? null : mode === 'edit' ? (
          <WithForms>
            {({ Composer, edit }) => (
              <Composer
                initial={comment.text}
                max={max}
                submitLabel={t.comments.save}
                autoFocus
                onCancel={() => setMode('read')}
                onSubmit={async (text) => {
                  await edit(actions, comment.id, text);
                  setMode('read');
                }}
              />
            )}
          </WithForms>
        ) : (
          commentText(comment.text)
        )}
        {!placeholder && (
          <div class="comment-actions" ref={actionsRow}>
            {reaction('like')}
            {actions.config.value.dislikes && reaction('dislike')}
            {!closed && !held && (
              <button type="button" class="link" onClick={signedIn('reply')}>
                {t.comments.reply}
              </button>
            )}
            {!closed && own && now - comment.createdAt < EDIT_WINDOW_MS && mode !== 'edit' && (
              <button type="button" class="link" onClick={signedIn('edit')}>
                {t.comments.edit}
              </button>
            )}
            {(own || me?.admin) && (
              <button type="button" class="link" onClick={signedIn('confirm-delete')}>
                {t.comments.delete}
              </button>
            )}
            {me?.admin && comment.id === top.id && laterArrived(t) && (
              <button
                type="button"
                class="link"
                onClick={run(async () => (await loadForms()).pin(actions, comment, !comment.pinned))}
              >
                {comment.pinned ? t.comments.unpin : t.comments.pin}
              </button>
            )}
            {me?.admin && (
              <button
                type="button"
                class="link"
                onClick={run(async () =>
                  (await loadForms()).setHidden(actions, comment, comment.status !== 'hidden'),
                )}
              >
                {comment.status === 'hidden' ? t.comments.unhide : t.comments.hide}
              </button>
            )}
            {!own && !held && (
              <button type="button" class="link" onClick={signedIn('report')}>
                {t.comments.report}
              </button>
            )}
          </div>
        )}
        {!placeholder && mode === 'confirm-delete' && (
          <WithForms>
            {({ ConfirmDelete, remove }) => (
              <ConfirmDelete
                onDelete={run(() => remove(actions, comment))}
                onCancel={() => setMode('read')}
              />
            )}
          </WithForms>
        )}
        {!placeholder && error !== null && <Failure error={error} onDone={() => setError(null)} />}
        {!placeholder && mode === 'report' && (
          <WithForms>
            {({ ReportDialog, report }) => (
              <ReportDialog
                onSend={(reason, details) => report(actions, comment.id, reason, details)}
                onClose={() => setMode('read')}
              />
            )}
          </WithForms>
        )}
      </article>
      {mode === 'reply' && (
        <div class="reply-form">
          <WithForms>
            {({ Composer, post }) => (
              <Composer
                initial={comment.id === top.id ? '' : `${author}, `}
                max={max}
                autoFocus
                onCancel={() => setMode('read')}
                onSubmit={async (text) => {
                  await post(actions, text, top.id);
                  setMode('read');
                }}
              />
            )}
          </WithForms>
        </div>
      )}
      {replies.length > 0 && (
        <ul class="replies">
          {replies.map((reply) => (
            <Comment key={reply.id} comment={reply} top={top} now={now} locale={locale} context={context} />
          ))}
        </ul>
      )}
      {'repliesCursor' in comment && comment.repliesCursor && (
        <MoreReplies id={comment.id} locale={locale} actions={actions} />
      )}
    </li>
  );
}
