/**
 * The English dictionary is the type every other dictionary must satisfy: a key missing from
 * ru.ts or kk.ts fails `tsc`. The server uses the same texts for SMS and email messages.
 */
export const en = {
  thread: {
    header: 'Comments',
    empty: 'No comments yet. Be the first to share your opinion.',
    showMore: 'Show more',
    loading: 'Loading comments…',
    loadFailed: 'Could not load the comments.',
    retry: 'Try again',
    edited: 'edited',
    count: 'Number of comments',
  },
  /**
   * SMS and email texts the server sends. {site} is the site's name, {code} the one-time code:
   * nothing a reader typed ever goes into a message.
   */
  messages: {
    registerCodeSms: 'Code {code} to register on {site}. Do not share it with anyone.',
    resetCodeSms: 'Code {code} to change your password on {site}. Do not share it with anyone.',
    registeredSms:
      'You already have an account on {site}. Sign in, or change your password if you forgot it.',
    registerCodeSubject: 'Your registration code for {site}',
    resetCodeSubject: 'Your code to change the password on {site}',
    codeIntro: 'Your access code:',
    codeValidity:
      'The code is valid for 10 minutes. Do not share it with anyone. If you did not request it, just ignore this email.',
    registeredSubject: 'You already have an account on {site}',
    registeredText:
      'Someone, perhaps you, tried to register on {site} with this email address. You already have an account: sign in, or change your password if you forgot it. If it was not you, just ignore this email.',
    footer: 'This message was sent by the comments service of {site}.',
  },
  errors: {
    contact_invalid: 'Please enter a valid phone number or email.',
    password_weak: 'This password is too easy to guess. Please choose another one.',
    name_invalid: 'Please enter a name of 2 to 50 characters.',
    code_invalid: 'The code is wrong or has expired. Request a new one.',
    sms_country_not_allowed: 'We cannot send SMS to this number. Please register by email.',
    invalid_credentials: 'Wrong phone number, email or password.',
    account_locked: 'Too many failed attempts. Please change your password to sign in.',
    delivery_failed: 'We could not send the code. Please try again in a minute.',
    sms_unavailable: 'SMS codes are temporarily unavailable. Please use email.',
    invalid_request: 'Please check what you entered.',
    unauthorized: 'Please sign in again.',
    origin_not_allowed: 'Comments are not enabled for this website.',
    forbidden: 'You are not allowed to do that.',
    not_found: 'Not found.',
    site_not_found: 'Comments are not enabled for this website.',
    method_not_allowed: 'This action is not supported.',
    payload_too_large: 'The text is too long.',
    unsupported_media_type: 'This request format is not supported.',
    rate_limited: 'Too many attempts. Please wait a little and try again.',
    internal: 'Something went wrong on our side. Please try again later.',
    widget_not_built: 'Comments are temporarily unavailable.',
    network: 'No connection to the comments server. Please check your connection.',
  },
};

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export type Dictionary = Strings<typeof en>;
