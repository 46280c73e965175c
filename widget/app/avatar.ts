/**
 * Eight avatar colours, white initials readable on each. A property set through the CSSOM, which
 * the host page's CSP style-src does not govern; eight style rules would cost the reading path more.
 */
const HUES = ['#5b6b7f', '#b5533c', '#3c7d5b', '#7a4fa3', '#a1701a', '#2f6fa8', '#a33d6e', '#2d8286'];

/** One of the eight avatar colours, stable per author. */
export function hueOf(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return HUES[hash % 8]!;
}

/** The letter in the avatar. */
export function initial(name: string): string {
  return [...name.trim()][0]?.toUpperCase() ?? '?';
}
