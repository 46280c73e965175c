/**
 * Comments in Disqus and WordPress exports are HTML; Pikir keeps plain text (shown with its line
 * breaks, bare URLs linked). Paragraphs and <br> become line breaks, a link keeps its URL when its
 * text differs, images and scripts are dropped.
 */
import { compile } from 'html-to-text';

const convert = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['(', ')'] } },
    { selector: 'img', format: 'skip' },
    { selector: 'p', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    {
      selector: 'blockquote',
      options: { leadingLineBreaks: 1, trailingLineBreaks: 1, trimEmptyLines: true },
    },
  ],
});

export function htmlToText(html: string): string {
  return html ? convert(html) : '';
}
