import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientIpResolver, ipKey } from '../../server/http/client-ip.ts';

describe('client address', () => {
  it('counts IPv4 per address and IPv6 per /64 network', () => {
    expect(ipKey('203.0.113.7')).toBe('203.0.113.7');
    expect(ipKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(ipKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(ipKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(ipKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });

  it('trusts X-Forwarded-For only behind a proxy, and only its last entry', async () => {
    const app = (trust: boolean) => {
      const resolve = clientIpResolver(trust);
      return new Hono().get('/', (c) => c.text(resolve(c)));
    };
    const headers = { 'X-Forwarded-For': '1.1.1.1, 198.51.100.2' };
    expect(await (await app(true).request('/', { headers })).text()).toBe('198.51.100.2');
    expect(await (await app(false).request('/', { headers })).text()).toBe('unknown');
  });
});
