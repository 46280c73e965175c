import { linkify } from '../../../../shared/linkify.ts';

/**
 * Comment text as text: Preact sets it as text nodes, never as HTML. Line breaks are kept by CSS
 * (white-space: pre-wrap); bare http(s) URLs become links that pass no ranking and no opener.
 * A function its comment calls, not a component: a hundred comments render a hundred of them at once.
 */
export function commentText(text: string) {
  return (
    <div class="text">
      {linkify(text).map((segment, i) =>
        segment.kind === 'link' ? (
          <a key={i} href={segment.href} rel="nofollow ugc noopener" target="_blank">
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </div>
  );
}
