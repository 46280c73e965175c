import { describe, expect, it } from 'vitest';
import { fill } from '../../shared/i18n/fill.ts';

describe('fill', () => {
  it('puts each value in its slots, numbers as digits, every occurrence', () => {
    expect(fill('{site}: код {code}. {site}', { site: 'News', code: '123456' })).toBe(
      'News: код 123456. News',
    );
    expect(fill('Осталось {n} символов', { n: 0 })).toBe('Осталось 0 символов');
  });

  it('leaves a slot without a value as it is, so a mistake shows', () => {
    expect(fill('Здравствуйте, {name}!', {})).toBe('Здравствуйте, {name}!');
    expect(fill('{site} и {name}', { site: 'News' })).toBe('News и {name}');
  });

  it('does not read a filled value as a template', () => {
    expect(fill('{a} {b}', { a: '{b}', b: 'x' })).toBe('{b} x');
  });
});
