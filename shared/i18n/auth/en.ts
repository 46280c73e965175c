/**
 * Texts of the sign-in, registration, code and password-change flows. They ship in the lazily
 * loaded auth chunk, not on the reading path (see ../reader/en.ts `account` for the few that do).
 * English is the type; ru.ts and kk.ts must satisfy it.
 */
import type { Strings } from '../index.ts';

export const authEn = {
  close: 'Close',
  back: 'Back',
  busy: 'Please wait…',
  channels: {
    label: 'Phone or email',
    phone: 'By phone',
    email: 'By email',
  },
  fields: {
    phone: 'Mobile phone number',
    email: 'Email',
    name: 'Your name',
    password: 'Password',
    newPassword: 'New password',
    code: 'Verification code',
  },
  signIn: {
    submit: 'Sign in',
    forgot: 'Change password',
    passwordMissing: 'Please enter your password.',
    doneTitle: 'Thank you for signing in',
    doneText: 'Now you can post comments.',
  },
  register: {
    title: 'You need to register to post a comment',
    submit: 'Register',
    toSignIn: 'Already have an account? Sign in',
    privacyBefore: 'By registering, you agree to the',
    privacyLink: 'privacy policy',
    /** After the link, for languages whose verb comes last (kk). */
    privacyAfter: '.',
    doneTitle: 'You are registered',
    doneText: 'Now you can comment on our stories.',
  },
  password: {
    rule: 'The password must have at least 6 characters. Latin letters and digits are allowed.',
  },
  code: {
    titlePhone: 'Enter the verification code we texted you',
    titleEmail: 'Enter the verification code we emailed you',
    textPhone:
      "We've sent you a text message with a verification code. If it hasn't arrived, we can send it again.",
    textEmail:
      "We've sent you an email with a verification code. If it hasn't arrived, we can send it again.",
    sentTo: 'We sent it to {contact}.',
    changePhone: 'Change the number',
    changeEmail: 'Change the address',
    format: 'The code has 6 digits.',
    submit: 'Confirm',
    resend: 'Resend the code',
    resendIn: 'Resend the code in {time}',
  },
  challenge: {
    solving: 'Checking that you are not a robot…',
    failed: 'The check did not finish. Please try again.',
  },
  reset: {
    title: 'Change password',
    text: 'Enter your mobile number/email to change the password',
    submit: 'Get the code',
    passwordTitle: 'Choose a new password',
    passwordSubmit: 'Save the password',
    doneTitle: 'Password changed',
    doneText: 'Now you can sign in',
    signIn: 'Sign in',
  },
  /** Plural forms (shared/i18n/plural.ts): Russian uses all three; English and Kazakh two and one. */
  seconds: { one: 'second', few: 'seconds', many: 'seconds' },
  retryIn: 'You can try again in {time}.',
};

export type AuthDictionary = Strings<typeof authEn>;
