/**
 * Texts of the account menu (the reader's data and erasing the account). They ship in the menu's
 * lazily loaded chunk, not on the reading path (../reader/en.ts `account.menu` is the button).
 * English is the type; ru.ts and kk.ts must satisfy it.
 */
import type { Strings } from '../index.ts';

export const privacyEn = {
  title: 'My account',
  close: 'Close',
  download: 'Download my data',
  downloadHint: 'Your account, comments and reports as a JSON file.',
  downloaded: 'The file is ready: pikir-account.json.',
  delete: 'Delete account',
  deleteTitle: 'Delete the account?',
  deleteText:
    'Your name, phone or email, password and sign-ins will be erased for good. Your comments will stay, shown as by "Deleted user", unless the site removes them. To confirm, we will send a code to your phone or email.',
  sendCode: 'Send the code',
  cancel: 'Cancel',
  codeSentPhone: 'We sent a code to your phone. Enter it to delete the account.',
  codeSentEmail: 'We sent a code to your email. Enter it to delete the account.',
  code: 'Access code',
  confirm: 'Delete for good',
  resend: 'Send the code again',
  resendIn: 'Send the code again ({n} s)',
  deleted: 'Your account is deleted.',
  busy: 'Please wait…',
  emailReplies: 'Email me replies to my comments',
  emailOn: 'Emails about replies are on.',
  emailOff: 'Emails about replies are off.',
};

export type PrivacyDictionary = Strings<typeof privacyEn>;
