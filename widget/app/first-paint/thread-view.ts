/**
 * The thread as a reader who is not signed in first sees it, drawn with the DOM's own calls: the
 * same elements, attributes and texts that the interactive widget (components/app.tsx) renders for
 * that reader, so that Preact, once it is loaded, takes these very nodes over (interactive.tsx)
 * and nothing on the screen moves. test/widget/first-paint.test.tsx holds the two to each other.
 */
import type { CommentView, ThreadComment } from '../../../shared/api.ts';
import { fill } from '../../../shared/i18n/fill.ts';
import { linkify } from '../../../shared/linkify.ts';
import { threadOrders } from '../../../shared/reading-vocabulary.ts';
import { datesFor } from '../../../shared/time.ts';
import { errorText } from '../../ui/error-text.ts';
import { hueOf, initial } from '../avatar.ts';
import type { Locale } from '../i18n.ts';
import type { SessionStore } from '../state/session.ts';
import type { ThreadStore } from '../state/thread.ts';
import { el } from './dom.ts';

export interface ThreadView {
  locale: Locale;
  thread: ThreadStore;
  session: SessionStore;
  /** The article's address: comment dates link to `url#pikir-<id>`. */
  url: string;
  now: number;
}

/** The whole thread, read from the stores' signals (so an effect around it draws it anew). */
export function threadView({ locale, thread, session, url, now }: ThreadView): HTMLElement {
  const { t } = locale;
  const comments = thread.comments.value;
  const fresh = thread.fresh.value.length;
  const loading = thread.loading.value;
  const loadError = thread.loadError.value;
  const moreError = thread.moreError.value;
  const closed = thread.closed.value;
  const dislikes = thread.config.value.dislikes;

  const comment = (c: ThreadComment | CommentView): HTMLElement => {
    const author = c.author.deleted ? t.comments.deletedUser : c.author.name;
    const rejected = c.status === 'rejected';
    const held = c.status === 'held';
    const placeholder = rejected ? t.comments.rejected : c.status === 'deleted' ? t.comments.deleted : '';
    const dates = datesFor(locale.lang, t.time);
    const reaction = (kind: 'like' | 'dislike') =>
      el(
        'button',
        { type: 'button', class: 'link', 'aria-pressed': String(c.mine === kind), disabled: closed },
        `${t.comments[kind]} ${(kind === 'like' ? c.likes : c.dislikes) ?? 0}`,
      );
    const avatar = el('span', { class: 'avatar', 'aria-hidden': 'true' }, initial(author));
    avatar.style.background = hueOf(c.author.id);
    const replies = 'replies' in c ? c.replies : [];
    return el(
      'li',
      { class: 'comment', id: `pikir-${c.id}` },
      el(
        'article',
        { 'aria-label': placeholder || author, class: `status-${c.status}` },
        placeholder
          ? el('p', { class: 'placeholder' }, placeholder)
          : el(
              'header',
              { class: 'meta' },
              avatar,
              el('strong', { class: 'author' }, author),
              el(
                'span',
                { class: 'when' },
                el(
                  'a',
                  { href: `${url}#pikir-${c.id}` },
                  el(
                    'time',
                    { datetime: new Date(c.createdAt).toISOString(), title: dates.full(c.createdAt) },
                    dates.relative(c.createdAt, now),
                  ),
                ),
                c.editedAt !== null && el('span', { class: 'edited' }, `· ${t.thread.edited}`),
              ),
              c.pinned && el('span', { class: 'pinned' }, t.comments.pinned),
            ),
        c.status === 'review' && el('p', { class: 'note' }, t.comments.underReview),
        c.status === 'hidden' && el('p', { class: 'note' }, t.comments.hidden),
        held &&
          el(
            'p',
            { class: 'note' },
            el('strong', { class: 'held' }, t.comments.held),
            ' · ',
            t.comments.heldHint,
          ),
        !placeholder &&
          el(
            'div',
            { class: 'text' },
            ...linkify(c.text).map((segment) =>
              segment.kind === 'link'
                ? el(
                    'a',
                    { href: segment.href, rel: 'nofollow ugc noopener', target: '_blank' },
                    segment.text,
                  )
                : segment.text,
            ),
          ),
        !placeholder &&
          el(
            'div',
            { class: 'comment-actions' },
            reaction('like'),
            dislikes && reaction('dislike'),
            !closed && !held && el('button', { type: 'button', class: 'link' }, t.comments.reply),
            !held && el('button', { type: 'button', class: 'link' }, t.comments.report),
          ),
      ),
      replies.length > 0 && el('ul', { class: 'replies' }, ...replies.map(comment)),
      'repliesCursor' in c &&
        c.repliesCursor &&
        el(
          'div',
          { class: 'more-replies' },
          el('button', { type: 'button', class: 'link', 'aria-busy': 'false' }, t.thread.moreReplies),
        ),
    );
  };

  const sort = el('select', { disabled: loading });
  for (const order of threadOrders) sort.append(el('option', { value: order }, t.thread.orders[order]));
  sort.value = thread.order.value;

  return el(
    'section',
    { class: 'thread', 'aria-labelledby': 'pikir-header' },
    el(
      'h2',
      { id: 'pikir-header', class: 'header' },
      t.thread.header,
      el('span', { class: 'count', title: t.thread.count }, thread.total.value),
    ),
    // A signed-in reader's bar is the interactive widget's (drawn here only when it failed to load).
    el(
      'div',
      { class: 'account' },
      !session.restoring.value && !session.reader.value && signInPrompt(locale),
    ),
    closed && el('p', { class: 'notice', role: 'status' }, t.thread.closed),
    fresh > 0 &&
      el('button', { type: 'button', class: 'button secondary fresh' }, fill(t.thread.showNew, { n: fresh })),
    comments.length > 1 && el('label', { class: 'sort' }, t.thread.sort, ' ', sort),
    loadError
      ? el(
          'div',
          { class: 'notice', role: 'alert' },
          el('p', null, t.thread.loadFailed, ' ', errorText(t, loadError)),
          el('button', { type: 'button', class: 'button secondary', disabled: loading }, t.thread.retry),
        )
      : comments.length === 0
        ? el('p', { class: 'empty' }, t.thread.empty)
        : el('ul', { class: 'comments' }, ...comments.map(comment)),
    moreError && el('p', { class: 'error', role: 'alert' }, errorText(t, moreError)),
    thread.nextCursor.value &&
      !loadError &&
      el('button', { type: 'button', class: 'button secondary more', disabled: loading }, t.thread.showMore),
  );
}

/** "5 минут назад" made true again in place, where it is drawn (no node is replaced but its text). */
export function retime(container: HTMLElement, { lang, t }: Locale, now: number): void {
  const dates = datesFor(lang, t.time);
  for (const time of container.querySelectorAll('time')) {
    const text = dates.relative(Date.parse(time.getAttribute('datetime') ?? ''), now);
    if (time.textContent !== text) time.textContent = text;
  }
}

/** "Авторизуйтесь, чтобы отправить комментарий" with the two ways in (account/sign-in-prompt.tsx). */
function signInPrompt({ t }: Locale): HTMLElement {
  return el(
    'div',
    { class: 'prompt' },
    el('p', { class: 'prompt-title' }, t.account.prompt),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'button', class: 'button' }, t.account.signIn),
      el('button', { type: 'button', class: 'link' }, t.account.register),
    ),
  );
}
