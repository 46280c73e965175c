/**
 * A comment's text as text: Preact creates text nodes, never HTML, and CSS (white-space:
 * pre-wrap) keeps the line breaks. Unlike the reader widget, URLs are not made links: the queue
 * is full of spam, and a moderator should read a link before deciding to follow it.
 */
export function CommentText({ text }: { text: string }) {
  return <div class="text">{text}</div>;
}
