/**
 * The email of a reader's gathered replies, in the reader's language: for each reply who wrote
 * it, where, its text and a link to it (its permalink), and a one-click unsubscribe per RFC 8058
 * (List-Unsubscribe with an https link, List-Unsubscribe-Post). Everything a reader wrote is HTML
 * escaped in the HTML part and stays plain text in the other.
 */
import { fill } from '../../shared/i18n/fill.ts';
import { messageDictionaries } from '../../shared/i18n/messages/dictionaries.ts';
import type { Digest } from '../storage/email-outbox.ts';
import { permalink } from '../storage/notifications.ts';
import { escapeHtml, page } from './messages.ts';
import type { EmailMessage } from './transport.ts';

/** A reply this long is cut in the email: the link leads to the whole of it. */
const TEXT_SHOWN = 500;

export function digestEmail(digest: Digest, unsubscribeUrl: string): EmailMessage {
  const m = messageDictionaries[digest.lang];
  const first = digest.replies[0]!;
  const subject =
    digest.replies.length === 1
      ? fill(m.replySubject, { site: first.siteName })
      : fill(m.repliesSubject, { n: digest.replies.length });
  const items = digest.replies.map((r) => {
    const chars = [...r.text];
    return {
      from: fill(m.replyFrom, { name: r.author || m.replyDeletedUser }),
      on: fill(m.replyOn, { title: r.pageTitle || r.pageUrl, site: r.siteName }),
      text: chars.length > TEXT_SHOWN ? `${chars.slice(0, TEXT_SHOWN).join('')}…` : r.text,
      link: permalink(r.pageUrl, r.replyId),
    };
  });
  const text = [
    ...items.map((i) => `${i.from}\n${i.on}\n\n${i.text}\n\n${m.replyOpen}: ${i.link}\n`),
    `--\n${m.replyWhy}\n${m.unsubscribeLink}: ${unsubscribeUrl}\n`,
  ].join('\n');
  const html = page(digest.lang, [
    ...items.map(
      (i) =>
        `<p style="margin:0"><strong>${escapeHtml(i.from)}</strong></p>` +
        `<p style="margin:0;color:#666;font-size:13px">${escapeHtml(i.on)}</p>` +
        `<blockquote style="margin:8px 0;padding-left:12px;border-left:3px solid #ddd;white-space:pre-wrap">${escapeHtml(i.text)}</blockquote>` +
        `<p><a href="${escapeHtml(i.link)}">${escapeHtml(m.replyOpen)}</a></p>`,
    ),
    `<p style="color:#666;font-size:13px">${escapeHtml(m.replyWhy)} <a href="${escapeHtml(unsubscribeUrl)}">${escapeHtml(m.unsubscribeLink)}</a></p>`,
  ]);
  return {
    to: digest.to,
    subject,
    text,
    html,
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
