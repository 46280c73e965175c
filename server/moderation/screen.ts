/**
 * The gate every new or edited comment passes before it is stored: refused for a banned word
 * (422 banned_words), held for an admin ("На проверке") for a suspect word or by the site's
 * pre-moderation setting, or published. The site's own admins are not held.
 */
import { linkify } from '../../shared/linkify.ts';
import { type WordMatcher, wordMatcher } from '../../shared/word-match.ts';
import { isSiteAdmin } from '../auth/admins.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { Deps } from '../deps.ts';
import { Refusal } from '../refusal.ts';
import { approvedCount } from '../storage/held.ts';
import type { Site } from '../storage/sites.ts';

export type Screened = 'published' | 'held';

export async function screenComment(
  deps: Pick<Deps, 'db' | 'admins'>,
  site: Site,
  author: SessionUser,
  text: string,
): Promise<Screened> {
  const { settings } = site;
  if (matcherOf(settings.bannedWords).find(text) !== null) {
    throw new Refusal('banned_words');
  }
  const mode = settings.preModeration;
  const suspect = matcherOf(settings.suspectWords).find(text) !== null;
  if (mode === 'off' && !suspect) return 'published';
  if (await isSiteAdmin(deps.db, deps.admins, author, site.id)) return 'published';
  if (suspect || mode === 'all') return 'held';
  if (mode === 'links') return hasLink(text) ? 'held' : 'published';
  const needed = mode === 'first_comment' ? 1 : settings.preModerationMinApproved;
  return (await approvedCount(deps.db, site.id, author.id, needed)) < needed ? 'held' : 'published';
}

/** An http(s) URL, a "www." address, or a bare domain with a common top-level domain. */
function hasLink(text: string): boolean {
  if (linkify(text).some((segment) => segment.kind === 'link')) return true;
  return /(?:^|[^\p{L}\p{N}@])(?:www\.|[a-z0-9-]+\.(?:kz|ru|com|net|org|info|io|me|xyz|top|site|online|club|shop|biz|su|uz|kg|ly)\b)/iu.test(
    text,
  );
}

/** Compiled once per list: the site cache keeps the same array until the settings change. */
const matchers = new WeakMap<readonly string[], WordMatcher>();

function matcherOf(list: readonly string[]): WordMatcher {
  let matcher = matchers.get(list);
  if (!matcher) {
    matcher = wordMatcher(list);
    matchers.set(list, matcher);
  }
  return matcher;
}
