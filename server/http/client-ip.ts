/**
 * Who is asking, for per-network limits. By default the socket's address; behind reverse proxies
 * (TRUST_PROXY=n) the address the n-th proxy from us saw, read from the right of X-Forwarded-For,
 * because everything further left is whatever the client chose to send.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export type ClientIp = (c: Context) => string;

export function socketClientIp(trustProxy: number): ClientIp {
  return (c) => {
    const socket = getConnInfo(c).remote.address ?? '';
    if (trustProxy === 0) return socket;
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const chain = [...forwarded, socket];
    return chain[Math.max(0, chain.length - 1 - trustProxy)] ?? socket;
  };
}

/**
 * The unit limits count by: an IPv4 address, or the /64 of an IPv6 address (one subscriber usually
 * holds a whole /64, so counting single IPv6 addresses would count nothing).
 */
export function networkOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return 'unknown';
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
