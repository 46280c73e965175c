import type { CommentView, ThreadComment } from '../../../../shared/api.ts';
import { useLocale } from '../../i18n.ts';
import { CommentText } from './comment-text.tsx';
import { TimeAgo } from './time-ago.tsx';

export function Comment({ comment, now }: { comment: ThreadComment | CommentView; now: number }) {
  const { t } = useLocale();
  const replies = 'replies' in comment ? comment.replies : [];
  return (
    <li class="comment" id={`pikir-${comment.id}`}>
      <article aria-label={comment.author.name}>
        <header class="meta">
          <span class="avatar" aria-hidden="true" data-hue={hueOf(comment.author.id)}>
            {initial(comment.author.name)}
          </span>
          <strong class="author">{comment.author.name}</strong>
          <TimeAgo at={comment.createdAt} now={now} />
          {comment.editedAt !== null && <span class="edited">· {t.thread.edited}</span>}
        </header>
        <CommentText text={comment.text} />
      </article>
      {replies.length > 0 && (
        <ul class="replies">
          {replies.map((reply) => (
            <Comment key={reply.id} comment={reply} now={now} />
          ))}
        </ul>
      )}
    </li>
  );
}

function initial(name: string): string {
  return [...name.trim()][0]?.toUpperCase() ?? '?';
}

/** One of eight avatar colours, stable per author. */
function hueOf(id: string): number {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % 8;
}
