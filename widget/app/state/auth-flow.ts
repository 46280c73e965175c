/**
 * The sign-in, registration and password-change flows as signals: which step is shown, what the
 * reader typed (kept when a request fails), the busy flag that stops double submits, the error to
 * announce, and the resend countdown. The rules are mirrored from shared/schemas.ts for instant
 * feedback; the server enforces them. Loaded only with the auth chunk.
 */

import * as v from 'valibot';
import type { Channel, CodeSent } from '../../../shared/api.ts';
import { ApiFailure } from '../../../shared/client.ts';
import { normalizeEmail } from '../../../shared/contact-rules.ts';
import type { Language } from '../../../shared/i18n/languages.ts';
import { anyPasswordSchema, codeSchema, nameSchema, newPasswordSchema } from '../../../shared/schemas.ts';
import type { ResendablePurpose } from '../../../shared/vocabulary.ts';
import type { WidgetApi } from '../api.ts';
import { phoneAcceptable } from '../phone.ts';
import { batch, computed, signal } from '../signals.ts';
import { createCountdown } from './countdown.ts';
import type { SessionStore } from './session.ts';

export type AuthStart = 'signIn' | 'register';
export type AuthStep =
  | AuthStart
  | 'resetStart'
  | 'code'
  | 'newPassword'
  | 'signedIn'
  | 'registered'
  | 'passwordChanged';
export type Field = 'contact' | 'name' | 'password' | 'code';

/**
 * A server error code (see shared/errors.ts), or one of the widget's own checks:
 * `password_rule`, `password_missing`, `code_format`, `challenge_failed`.
 */
export interface FlowError {
  code: string;
  /** With rate_limited: seconds until the server takes the request again. */
  retryAfter?: number;
  /** The field to mark invalid and focus. */
  field?: Field;
}

export interface AuthFlowDeps {
  api: WidgetApi;
  session: SessionStore;
  lang: Language;
  defaultCountry: string;
  start: AuthStart;
}

export type AuthFlow = ReturnType<typeof createAuthFlow>;

/** Server codes that point at one field. */
const FIELD_OF: Record<string, Field> = {
  contact_invalid: 'contact',
  sms_country_not_allowed: 'contact',
  name_invalid: 'name',
  password_weak: 'password',
  code_invalid: 'code',
};

export const isNewPassword = (password: string) => v.is(newPasswordSchema, password);

export function createAuthFlow({ api, session, lang, defaultCountry, start }: AuthFlowDeps) {
  const step = signal<AuthStep>(start);
  const channel = signal<Channel>('phone');
  const phone = signal('');
  const email = signal('');
  const name = signal('');
  const password = signal('');
  const code = signal('');
  /** What the code step confirms: a registration or a password change. */
  const purpose = signal<ResendablePurpose>('register');
  const busy = signal(false);
  const error = signal<FlowError | null>(null);
  const resend = createCountdown();
  /** True while the reader's browser solves a proof-of-work challenge the server asked for. */
  const proving = signal(false);
  const contact = computed(() => (channel.value === 'phone' ? phone.value : email.value).trim());
  let ticket = '';

  const go = (next: AuthStep) =>
    batch(() => {
      step.value = next;
      error.value = null;
    });

  const setChannel = (next: Channel) =>
    batch(() => {
      channel.value = next;
      error.value = null;
    });

  /** True while the server's pause (rate_limited with retryAfter) runs; the form waits with it. */
  const waiting = computed(() => error.value?.retryAfter !== undefined);
  /** The pause is over (the live countdown reached zero): the form may be sent again. */
  const waitOver = () => {
    if (waiting.value) error.value = null;
  };

  /** Runs one request at a time; a failure keeps everything the reader typed. */
  async function run(action: () => Promise<void>) {
    if (busy.value || waiting.value) return;
    busy.value = true;
    error.value = null;
    try {
      await action();
    } catch (failure) {
      const code = failure instanceof ApiFailure ? failure.code : 'internal';
      const retryAfter = failure instanceof ApiFailure ? failure.retryAfter : undefined;
      error.value = { code, retryAfter, field: FIELD_OF[code] };
    } finally {
      busy.value = false;
    }
  }

  /** Local checks before a request; returns false (and shows why) when one fails. */
  function check(...checks: [ok: boolean, code: string, field: Field][]): boolean {
    const failed = checks.find(([ok]) => !ok);
    if (failed) error.value = { code: failed[1], field: failed[2] };
    return !failed;
  }

  /**
   * Sends a request that may meet a hot scope: when the server answers `challenge_required`, the
   * solver (a lazy chunk) solves its challenge and the request goes again, once, with the proof.
   */
  async function withProof<T>(send: (proof?: string) => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (failure) {
      const challenge = failure instanceof ApiFailure ? failure.details.challenge : undefined;
      if (!challenge) throw failure;
      proving.value = true;
      const proof = await import('./proof-of-work.ts')
        .then(({ solveProof }) => solveProof(challenge))
        .catch(() => {
          throw new ApiFailure('challenge_failed');
        })
        .finally(() => {
          proving.value = false;
        });
      return send(proof);
    }
  }

  const contactValid = () =>
    channel.value === 'email'
      ? normalizeEmail(contact.value) !== null
      : !contact.value.includes('@') && phoneAcceptable(contact.value, defaultCountry);

  const codeSent = (sent: CodeSent, codePurpose: ResendablePurpose) =>
    batch(() => {
      purpose.value = codePurpose;
      code.value = '';
      resend.start(sent.resendAfter);
      go('code');
    });

  function signIn() {
    if (busy.value) return;
    if (
      !check(
        [contactValid(), 'contact_invalid', 'contact'],
        [v.is(anyPasswordSchema, password.value), 'password_missing', 'password'],
      )
    ) {
      return;
    }
    return run(async () => {
      const body = { channel: channel.value, contact: contact.value, password: password.value };
      session.signedIn(await api.call('POST /api/sites/:site/auth/login', { body }));
      go('signedIn');
    });
  }

  function register() {
    if (busy.value) return;
    if (
      !check(
        [v.is(nameSchema, name.value), 'name_invalid', 'name'],
        [contactValid(), 'contact_invalid', 'contact'],
        [isNewPassword(password.value), 'password_rule', 'password'],
      )
    ) {
      return;
    }
    return run(async () => {
      const body = {
        channel: channel.value,
        contact: contact.value,
        name: name.value.trim(),
        password: password.value,
        lang,
      };
      const sent = await withProof((proof) =>
        api.call('POST /api/sites/:site/auth/register', { body: { ...body, proof } }),
      );
      codeSent(sent, 'register');
    });
  }

  function startReset() {
    if (busy.value) return;
    if (!check([contactValid(), 'contact_invalid', 'contact'])) return;
    return run(async () => {
      const body = { channel: channel.value, contact: contact.value, lang };
      const sent = await withProof((proof) =>
        api.call('POST /api/sites/:site/auth/reset', { body: { ...body, proof } }),
      );
      codeSent(sent, 'reset');
    });
  }

  function confirm() {
    if (busy.value) return;
    if (!check([v.is(codeSchema, code.value), 'code_format', 'code'])) return;
    return run(async () => {
      const body = { channel: channel.value, contact: contact.value, code: code.value.trim() };
      if (purpose.value === 'register') {
        const confirmation = { ...body, password: password.value };
        session.signedIn(
          await api.call('POST /api/sites/:site/auth/register/confirm', { body: confirmation }),
        );
        resend.stop();
        go('registered');
      } else {
        ticket = (await api.call('POST /api/sites/:site/auth/reset/verify', { body })).ticket;
        resend.stop();
        batch(() => {
          password.value = '';
          go('newPassword');
        });
      }
    });
  }

  function resendCode() {
    if (busy.value || resend.left.value > 0) return;
    return run(async () => {
      const body = { purpose: purpose.value, channel: channel.value, contact: contact.value, lang };
      try {
        const sent = await withProof((proof) =>
          api.call('POST /api/sites/:site/auth/code/resend', { body: { ...body, proof } }),
        );
        resend.start(sent.resendAfter);
      } catch (failure) {
        // The server counts its own 59 seconds (or a longer hourly pause): the resend line counts
        // down its number, so the error says no number of its own (and blocks no code).
        if (failure instanceof ApiFailure && failure.retryAfter) {
          resend.start(failure.retryAfter);
          throw new ApiFailure(failure.code);
        }
        throw failure;
      }
    });
  }

  function finishReset() {
    if (busy.value) return;
    if (!check([isNewPassword(password.value), 'password_rule', 'password'])) return;
    return run(async () => {
      await api.call('POST /api/sites/:site/auth/reset/finish', {
        body: { ticket, password: password.value },
      });
      ticket = '';
      batch(() => {
        password.value = '';
        go('passwordChanged');
      });
    });
  }

  /** Leaves the code step for the form that sent the code. */
  const back = () => {
    resend.stop();
    go(purpose.value === 'register' ? 'register' : 'resetStart');
  };

  return {
    step,
    channel,
    phone,
    email,
    name,
    password,
    code,
    purpose,
    busy,
    proving,
    error,
    waiting,
    waitOver,
    contact,
    resendLeft: resend.left,
    defaultCountry,
    go,
    back,
    setChannel,
    signIn,
    register,
    startReset,
    confirm,
    resendCode,
    finishReset,
    dispose: resend.stop,
  };
}
