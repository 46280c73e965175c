/**
 * The client's address, for rate limits. By default the TCP peer; behind a reverse proxy
 * (TRUST_PROXY=1) the last X-Forwarded-For entry, the one our own proxy appended: entries
 * before it are whatever the client chose to send.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export type IpResolver = (c: Context) => string;

export function clientIpResolver(trustProxy: boolean): IpResolver {
  return (c) => {
    if (trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
      if (forwarded) return forwarded;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };
}

/**
 * The key a limit counts under: an IPv4 address as is, an IPv6 address by its /64 network,
 * since one subscriber usually holds a whole /64 and could rotate through it.
 */
export function ipKey(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
