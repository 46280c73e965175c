/**
 * Splits plain comment text into text and link segments. Only http and https URLs become links
 * (never javascript:, data: or anything a browser could run). The pattern is linear: no nested
 * quantifiers, so hostile input cannot make it backtrack (the ReDoS that hit other sanitisers).
 */
export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?»"')\]]+$/;

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

/** Drops sentence punctuation after a URL, but keeps a ")" that closes a "(" inside it. */
function trimUrl(raw: string): string {
  const url = raw.replace(TRAILING_PUNCTUATION, '');
  let unclosed = 0;
  for (const ch of url) unclosed += ch === '(' ? 1 : ch === ')' ? -1 : 0;
  let kept = 0;
  while (unclosed > 0 && raw[url.length + kept] === ')') {
    kept++;
    unclosed--;
  }
  return raw.slice(0, url.length + kept);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
