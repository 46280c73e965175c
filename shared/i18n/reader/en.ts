/**
 * The reader's texts: the thread, the comment forms and the error messages, all on the reading
 * path. The English dictionary is the type every other dictionary must satisfy: a key missing
 * from ru.ts or kk.ts fails `tsc`. The server answers errors with the English texts.
 */
import type { Strings } from '../index.ts';

export const en = {
  thread: {
    header: 'Comments',
    empty: 'No comments yet. Be the first to share your opinion.',
    showMore: 'Show more',
    moreReplies: 'Show more replies',
    loading: 'Loading comments…',
    loadFailed: 'Could not load the comments.',
    retry: 'Try again',
    edited: 'edited',
    count: 'Number of comments',
    closeThread: 'Close comments',
    reopenThread: 'Reopen comments',
    closed: 'Comments are closed.',
    /** The live thread's bar over new top-level comments. */
    showNew: 'Show new comments ({n})',
  },
  comments: {
    label: 'Your comment',
    send: 'Send',
    save: 'Save',
    cancel: 'Cancel',
    reply: 'Reply',
    edit: 'Edit',
    delete: 'Delete',
    hide: 'Hide',
    unhide: 'Show again',
    report: 'Report',
    charsLeft: 'Characters left: {n}',
    sendHint: 'Ctrl+Enter to send',
    confirmDelete: 'Delete this comment?',
    deleted: 'Comment deleted',
    underReview: 'Hidden from readers until a moderator reviews it',
    hidden: 'Hidden by a moderator',
    deletedUser: 'Deleted user',
    bannedUntil: 'You cannot post comments on this site until {date}.',
    bannedForever: 'You cannot post comments on this site.',
    banReason: 'Reason: {reason}',
    retryIn: 'Try again in {n} s.',
    /** rate_limited with `interval`: a comment too soon after the previous one. */
    pace: 'You can post one comment every {time}.',
  },
  report: {
    title: 'Choose the reason for your report',
    details: 'Describe the reason',
    send: 'Send',
    sentTitle: 'Thank you for your report!',
    sentText: 'We have received your request and will review it and act shortly.',
    already: 'You have already reported this comment. Thank you!',
    close: 'Close',
  },
  /** Dates (shared/time.ts): our own words, so they are right in a browser without this language. */
  time: {
    now: 'just now',
    yesterday: 'yesterday',
    ago: '{n} {unit} ago',
    units: {
      second: 'second|seconds',
      minute: 'minute|minutes',
      hour: 'hour|hours',
      day: 'day|days',
      week: 'week|weeks',
      month: 'month|months',
      year: 'year|years',
    },
    monthNames: 'January February March April May June July August September October November December',
    date: '{month} {day}, {year}, {time}',
  },
  complaintReasons: {
    spam: 'Spam or advertising',
    abuse: 'Insults or harassment',
    hate: 'Hate speech or extremism',
    false_info: 'False information',
    off_topic: 'Off-topic',
    other: 'Other',
  },
  account: {
    prompt: 'Sign in to post a comment',
    signIn: 'Sign in',
    register: 'New user? Register',
    signOut: 'Sign out',
    signedInAs: 'Signed in as',
    menu: 'My account',
  },
  /**
   * SMS and email texts the server sends. {site} is the site's name, {code} the one-time code:
   * nothing a reader typed ever goes into a message.
   */
  errors: {
    banned: 'You cannot post comments on this site.',
    edit_window_closed: 'Comments can be edited only within 15 minutes.',
    thread_closed: 'Comments are closed.',
    restore_unavailable:
      'This comment can no longer be restored: more than 30 days have passed or its author erased the text.',
    duplicate_comment: 'You have already posted this comment.',
    text_invalid: 'The comment is empty or too long.',
    complaint_invalid: 'Please describe the reason in up to 500 characters.',
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
    challenge_required: 'Please confirm that you are not a robot.',
    rate_limited: 'Too many attempts. Please wait a little and try again.',
    internal: 'Something went wrong on our side. Please try again later.',
    widget_not_built: 'Comments are temporarily unavailable.',
    storage_unavailable: 'Comments are temporarily unavailable. Please try again in a minute.',
    network: 'No connection to the comments server. Please check your connection.',
  },
};

export type Dictionary = Strings<typeof en>;
