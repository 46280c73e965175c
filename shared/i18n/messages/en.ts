/**
 * Texts of the SMS and email messages the server sends. The same language set as the widget's
 * dictionaries, kept apart from them because readers' pages never need these texts.
 * Messages hold nothing but the code and fixed text, never what a reader typed.
 */
import type { Strings } from '../index.ts';

export const messagesEn = {
  registerCodeSms: 'Code {code} to register on {site}. Do not share it with anyone.',
  resetCodeSms: 'Code {code} to change your password on {site}. Do not share it with anyone.',
  deleteAccountCodeSms:
    'Code {code} to delete your account on {site}. If you did not ask for it, do not share it with anyone.',
  registeredSms: 'You already have an account on {site}. Sign in, or change your password if you forgot it.',
  registerCodeSubject: 'Your registration code for {site}',
  resetCodeSubject: 'Your code to change the password on {site}',
  deleteAccountCodeSubject: 'Your code to delete the account on {site}',
  codeIntro: 'Your access code:',
  codeValidity:
    'The code is valid for 10 minutes. Do not share it with anyone. If you did not request it, just ignore this email.',
  registeredSubject: 'You already have an account on {site}',
  registeredText:
    'Someone, perhaps you, tried to register on {site} with this email address. You already have an account: sign in, or change your password if you forgot it. If it was not you, just ignore this email.',
  footer: 'This message was sent by the comments service of {site}.',
  /**
   * Reply notifications (delivery/notification-email.ts). Unlike the codes these carry what
   * readers wrote (a reply and its author's name), always as text: escaped in the HTML part.
   */
  replySubject: 'A new reply to your comment on {site}',
  repliesSubject: 'New replies to your comments: {n}',
  replyFrom: '{name} replied to your comment',
  replyOn: 'On “{title}” ({site})',
  replyOpen: 'Open the reply',
  replyDeletedUser: 'Deleted user',
  replyWhy: 'You get this email because someone replied to your comment. One email at most every 10 minutes.',
  unsubscribeLink: 'Stop emails about replies',
  unsubscribeTitle: 'Emails about replies',
  unsubscribeQuestion:
    'Stop emails about replies to your comments? You will still see them under “Notifications” in the comments.',
  unsubscribeButton: 'Unsubscribe',
  unsubscribedText:
    'Done: no more emails about replies. You can turn them back on in “My account” under the comments.',
  unsubscribeInvalid:
    'This unsubscribe link is not valid. Open “My account” under the comments to turn the emails off.',
};

export type MessagesDictionary = Strings<typeof messagesEn>;
