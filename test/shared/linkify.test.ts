import { describe, expect, it } from 'vitest';
import { linkify } from '../../shared/linkify.ts';

describe('linkify', () => {
  it('keeps plain text as one text segment', () => {
    expect(linkify('Привет,\nмир')).toEqual([{ kind: 'text', text: 'Привет,\nмир' }]);
  });

  it('links http and https URLs and keeps the text around them', () => {
    expect(linkify('См. https://kase.kz/ru/news?id=1 и http://a.kz')).toEqual([
      { kind: 'text', text: 'См. ' },
      { kind: 'link', text: 'https://kase.kz/ru/news?id=1', href: 'https://kase.kz/ru/news?id=1' },
      { kind: 'text', text: ' и ' },
      { kind: 'link', text: 'http://a.kz', href: 'http://a.kz' },
    ]);
  });

  it('leaves trailing sentence punctuation outside the link but keeps balanced parentheses', () => {
    expect(linkify('Читайте https://a.kz/x.')[1]).toMatchObject({ href: 'https://a.kz/x' });
    expect(linkify('(https://a.kz/x)')[1]).toMatchObject({ href: 'https://a.kz/x' });
    expect(linkify('https://en.wikipedia.org/wiki/Tenge_(currency)')[0]).toMatchObject({
      href: 'https://en.wikipedia.org/wiki/Tenge_(currency)',
    });
  });

  it('never links other schemes', () => {
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'JAVASCRIPT://%0aalert(1)',
      'ftp://a.kz',
    ]) {
      expect(linkify(text).every((s) => s.kind === 'text')).toBe(true);
    }
  });

  it('does not treat markup as anything but text', () => {
    const segments = linkify('<img src=x onerror=alert(1)> https://a.kz/"onmouseover="x');
    expect(segments[0]).toEqual({ kind: 'text', text: '<img src=x onerror=alert(1)> ' });
    expect(segments[1]).toMatchObject({ kind: 'link', href: 'https://a.kz/' });
  });

  it('handles long hostile input (a backtracking pattern would never return here)', () => {
    const opened = `https://a.kz/${'('.repeat(20_000)}${')'.repeat(30_000)}.`;
    const [link, rest] = linkify(opened);
    expect(link).toMatchObject({
      kind: 'link',
      href: `https://a.kz/${'('.repeat(20_000)}${')'.repeat(20_000)}`,
    });
    expect(rest).toEqual({ kind: 'text', text: `${')'.repeat(10_000)}.` });
    const long = `https://${'a'.repeat(100_000)}.kz`;
    expect(linkify(`${long} x`)[0]).toMatchObject({ kind: 'link', href: long });
  });

  it('reads a 5,000-character hostile comment of punctuation runs in one pass (timed in npm run bench:browser)', () => {
    // A run of dots after a URL and before a letter once made the end-anchored trimming try every dot.
    const dots = '.'.repeat(5000);
    expect(linkify(`https://a.kz/${dots}a`)).toEqual([
      { kind: 'link', text: `https://a.kz/${dots}a`, href: `https://a.kz/${dots}a` },
    ]);
    expect(linkify(`https://a.kz/x${dots}`)).toEqual([
      { kind: 'link', text: 'https://a.kz/x', href: 'https://a.kz/x' },
      { kind: 'text', text: dots },
    ]);
    const mixed = '.,;:!?»)'.repeat(625);
    expect(linkify(`см. https://a.kz/${mixed}b ${mixed}`)[1]).toMatchObject({
      href: `https://a.kz/${mixed}b`,
    });
  });
});
