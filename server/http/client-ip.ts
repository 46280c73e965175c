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
  const v4 = ipv4Of(ip);
  if (v4) return v4;
  const groups = ipv6Groups(ip);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : 'unknown';
}

/**
 * The wider network around it, for limits that catch one operator with many addresses: the /24 of
 * an IPv4 address, the /48 of an IPv6 one (a single /56 or /48 allocation holds 256 or 65,536 /64s).
 */
export function wideNetworkOf(ip: string): string {
  const v4 = ipv4Of(ip);
  if (v4) return `${v4.slice(0, v4.lastIndexOf('.'))}.0/24`;
  const groups = ipv6Groups(ip);
  return groups ? `${groups.slice(0, 3).join(':')}::/48` : 'unknown';
}

function ipv4Of(ip: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  return isIPv4(ip) ? ip : null;
}

/** The eight groups of an IPv6 address, "::" expanded and leading zeros dropped; null if it is not one. */
function ipv6Groups(ip: string): string[] | null {
  if (!isIPv6(ip)) return null;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
    : headGroups;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
