/**
 * The texts of codes and notices, from the same dictionaries as the widget. Only fixed text, the
 * site's name (set by its operator) and the code go in: never a display name or anything else a
 * reader typed, so nobody can use our messages to send their own words.
 */
import type { Channel, CodePurpose } from '../../shared/api.ts';
import { fill } from '../../shared/i18n/fill.ts';
import type { Language } from '../../shared/i18n/languages.ts';
import { messageDictionaries } from '../../shared/i18n/messages/dictionaries.ts';
import type { EmailMessage } from './transport.ts';

export type Outgoing = { channel: 'phone'; to: string; text: string } | ({ channel: 'email' } & EmailMessage);

export interface MessageContext {
  lang: Language;
  channel: Channel;
  /** E.164 phone or normalised email. */
  to: string;
  siteName: string;
  /**
   * The host of the page that asked, for the WebOTP line ("@news.kz #123456") that lets the
   * browser offer the SMS code to the widget on that page.
   */
  pageHost: string | null;
}

export function codeMessage(ctx: MessageContext, purpose: CodePurpose, code: string): Outgoing {
  const m = messageDictionaries[ctx.lang];
  const values = { site: ctx.siteName, code };
  const texts = {
    register: [m.registerCodeSms, m.registerCodeSubject],
    reset: [m.resetCodeSms, m.resetCodeSubject],
    delete_account: [m.deleteAccountCodeSms, m.deleteAccountCodeSubject],
  } as const satisfies Record<CodePurpose, readonly [string, string]>;
  const [sms, subjectText] = texts[purpose];
  if (ctx.channel === 'phone') {
    const text = fill(sms, values);
    return {
      channel: 'phone',
      to: ctx.to,
      text: ctx.pageHost ? `${text}\n\n@${ctx.pageHost} #${code}` : text,
    };
  }
  const subject = fill(subjectText, values);
  const footer = fill(m.footer, values);
  return {
    channel: 'email',
    to: ctx.to,
    subject,
    text: `${m.codeIntro} ${code}\n\n${m.codeValidity}\n\n--\n${footer}\n`,
    html: page(ctx.lang, [
      `<p>${escapeHtml(m.codeIntro)}</p>`,
      `<p style="font-size:28px;font-weight:bold;letter-spacing:4px">${escapeHtml(code)}</p>`,
      `<p>${escapeHtml(m.codeValidity)}</p>`,
      `<p style="color:#666;font-size:13px">${escapeHtml(footer)}</p>`,
    ]),
  };
}

/** Sent instead of a code when someone registers a contact that already has an account. */
export function alreadyRegisteredMessage(ctx: MessageContext): Outgoing {
  const m = messageDictionaries[ctx.lang];
  const values = { site: ctx.siteName };
  if (ctx.channel === 'phone') return { channel: 'phone', to: ctx.to, text: fill(m.registeredSms, values) };
  const body = fill(m.registeredText, values);
  const footer = fill(m.footer, values);
  return {
    channel: 'email',
    to: ctx.to,
    subject: fill(m.registeredSubject, values),
    text: `${body}\n\n--\n${footer}\n`,
    html: page(ctx.lang, [
      `<p>${escapeHtml(body)}</p>`,
      `<p style="color:#666;font-size:13px">${escapeHtml(footer)}</p>`,
    ]),
  };
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

export function page(lang: Language, paragraphs: string[]): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif;color:#1d1d1f">${paragraphs.join('')}</body></html>`;
}
