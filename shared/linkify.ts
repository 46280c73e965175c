/**
 * Splits plain comment text into text and link segments. Only http and https URLs become links
 * (never javascript:, data: or anything a browser could run). Linear in the text's length: the
 * pattern has no nested quantifiers and is never anchored at a URL's end, so hostile input cannot
 * make it backtrack (the ReDoS that hit other sanitisers).
 */
export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Sentence punctuation that ends a URL rather than belongs to it. */
const TRAILING_PUNCTUATION = '.,;:!?»"\')]';

export function linkify(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const url = trimUrl(match[0]);
    if (!isHttpUrl(url)) continue;
    if (start > last) segments.push({ kind: 'text', text: text.slice(last, start) });
    segments.push({ kind: 'link', text: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}

/**
 * Drops sentence punctuation after a URL, but keeps a ")" that closes a "(" inside it. One pass
 * back over the punctuation and one over the URL: a regular expression anchored at the end
 * (`[.,…]+$`) would try every dot of a long run of dots followed by a letter, quadratically.
 */
function trimUrl(raw: string): string {
  let end = raw.length;
  while (end > 0 && TRAILING_PUNCTUATION.includes(raw[end - 1]!)) end--;
  let unclosed = 0;
  for (let i = 0; i < end; i++) unclosed += raw[i] === '(' ? 1 : raw[i] === ')' ? -1 : 0;
  while (unclosed > 0 && raw[end] === ')') {
    end++;
    unclosed--;
  }
  return raw.slice(0, end);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
