import { createHash } from 'node:crypto';

/**
 * A weak validator over everything an answer depends on (weak: the same JSON goes out gzip, br or
 * plain). Hashed, so it says nothing about who asked or what they may see.
 */
export function weakEtag(parts: readonly (string | number)[]): string {
  return `W/"${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 27)}"`;
}

/** If-None-Match holds this tag (weak comparison, RFC 9110 13.1.2), or is "*". */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}
