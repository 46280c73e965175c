/** Reading what a real SMTP server received, in tests. */

/** The decoded parts of a simple multipart message (quoted-printable or base64 bodies). */
export function mimeParts(raw: string): { type: string; body: string }[] {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) throw new Error('not a multipart message');
  return raw
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [head = '', ...rest] = part.split(/\r?\n\r?\n/);
      const body = rest.join('\n\n');
      const type = /content-type:\s*([^;\s]+)/i.exec(head)?.[1]?.toLowerCase() ?? '';
      const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase();
      if (encoding === 'base64') return { type, body: Buffer.from(body, 'base64').toString('utf8') };
      if (encoding === 'quoted-printable') {
        const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
        return { type, body: decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25')) };
      }
      return { type, body };
    });
}
