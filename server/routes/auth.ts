/**
 * Accounts, mounted at /api/sites/:site/auth behind the site-origin guard: register with a code,
 * sign in, sign out, and change a forgotten password with a code. The request and response shapes
 * are `authPaths` in shared/api.ts; the rules are in ../auth/.
 *
 * No answer tells whether a contact has an account: registering a taken contact answers like a
 * new one (the owner gets a notice instead of a code), a reset for an unknown contact answers
 * like a known one, and sign-in has one error for both wrong password and unknown account.
 */

import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type {
  Channel,
  CodePurpose,
  CodeSent,
  Me,
  PublicUser,
  ResetTicket,
  SignedIn,
} from '../../shared/api.ts';
import { contactForChannel } from '../../shared/contact.ts';
import { defaultLanguage } from '../../shared/i18n/index.ts';
import { RESEND_INTERVAL_S } from '../../shared/limits.ts';
import {
  loginSchema,
  registerConfirmSchema,
  registerStartSchema,
  resendCodeSchema,
  resetFinishSchema,
  resetStartSchema,
  resetVerifySchema,
} from '../../shared/schemas.ts';
import { isSiteAdmin } from '../auth/admins.ts';
import { type CodeTarget, dropCodes, newCode, pendingPayload, storeCode, useCode } from '../auth/codes.ts';
import { sendTiming } from '../auth/even-timing.ts';
import { hashPassword, isAcceptablePassword, verifyPassword } from '../auth/passwords.ts';
import {
  contactLimits,
  giveBack,
  networkLimits,
  siteLimits,
  type Taken,
  takeLimits,
} from '../auth/rate-limits.ts';
import { createResetTicket, ticketUser, useResetTicket } from '../auth/reset-tickets.ts';
import { createSession, revokeSession, revokeUserSessions, type SessionUser } from '../auth/sessions.ts';
import { signIn } from '../auth/sign-in.ts';
import { clearSignInFailures } from '../auth/sign-in-throttle.ts';
import { releaseSms, reserveSms, smsBudgetSpent } from '../auth/sms-budget.ts';
import type { Clock } from '../clock.ts';
import {
  alreadyRegisteredMessage,
  codeMessage,
  type MessageContext,
  type Outgoing,
} from '../delivery/messages.ts';
import type { Delivery } from '../delivery/transport.ts';
import { type ClientIp, networkOf } from '../http/client-ip.ts';
import type { AppEnv } from '../http/env.ts';
import { ApiError, rateLimited } from '../http/errors.ts';
import type { Logger } from '../http/request-log.ts';
import { bearerToken, requireUser } from '../http/session.ts';
import { jsonBody } from '../http/validate.ts';
import { randomId } from '../ids.ts';
import type { Database } from '../storage/schema.ts';
import type { Site } from '../storage/sites.ts';
import { findUserByContact, getUser, insertUser, setPasswordHash, type UserRow } from '../storage/users.ts';

export interface AuthDeps {
  db: Kysely<Database>;
  clock: Clock;
  delivery: Delivery;
  /** The HMAC key of one-time codes (auth/secret.ts). */
  secret: Buffer;
  clientIp: ClientIp;
  /** ADMINS: normalised contacts that administer every site. */
  admins: string[];
  log: Logger;
}

/** What a pending registration keeps until its code is confirmed. */
interface PendingRegistration {
  name: string;
  passwordHash: string;
}

const codeSent = (channel: Channel): CodeSent => ({ channel, resendAfter: RESEND_INTERVAL_S });

export function authRoutes(deps: AuthDeps) {
  const { db, clock, secret } = deps;
  const timing = sendTiming();

  /** Takes the per-contact, per-network and per-site send limits, or answers 429 with the wait. */
  async function takeSendLimits(c: Context<AppEnv>, contact: string): Promise<Taken> {
    const limits = [
      ...contactLimits(contact),
      ...networkLimits(networkOf(deps.clientIp(c))),
      ...siteLimits(c.get('site').id),
    ];
    const taken = await takeLimits(db, limits, clock.now());
    if (!taken.ok) throw rateLimited(taken.retryAfter);
    return taken;
  }

  /**
   * Sends, or undoes the request's bookkeeping and answers why not: a send that did not happen
   * must not cost the reader their own allowance or the site its SMS budget.
   */
  async function send(site: Site, message: Outgoing, taken: Taken, contact: string): Promise<void> {
    const refund = () => giveBack(db, taken, [contactLimits(contact)[0]!.key]);
    if (
      message.channel === 'phone' &&
      !(await reserveSms(db, site.id, site.settings.smsDailyBudget, clock.now()))
    ) {
      await refund();
      throw new ApiError('sms_unavailable');
    }
    try {
      await timing.time(message.channel, () =>
        message.channel === 'phone'
          ? deps.delivery.sendSms(message.to, message.text)
          : deps.delivery.sendEmail(message),
      );
    } catch (error) {
      if (message.channel === 'phone') await releaseSms(db, site.id, clock.now());
      await refund();
      deps.log(`delivery failed on site ${site.id}: ${(error as Error).message}`);
      throw new ApiError('delivery_failed');
    }
  }

  /** Nothing to send: answer as a send would, after about as long. */
  async function sendNothing(site: Site, channel: Channel): Promise<void> {
    if (
      channel === 'phone' &&
      (await smsBudgetSpent(db, site.id, site.settings.smsDailyBudget, clock.now()))
    ) {
      throw new ApiError('sms_unavailable');
    }
    await timing.pad(channel);
  }

  async function sendCode(
    c: Context<AppEnv>,
    target: CodeTarget,
    channel: Channel,
    lang: Lang,
    taken: Taken,
    payload: string | null,
  ) {
    const code = newCode();
    await send(
      c.get('site'),
      codeMessage(messageContext(c, channel, target.contact, lang), target.purpose, code),
      taken,
      target.contact,
    );
    // Stored only once the message is out: a failed send leaves nothing behind, and an earlier
    // code stays valid when a resend fails.
    await storeCode(db, secret, target, code, payload, clock.now());
  }

  async function publicUser(
    user: Pick<UserRow, 'id' | 'display_name' | 'email' | 'phone'>,
    siteId: string,
  ): Promise<PublicUser> {
    const admin = await isSiteAdmin(db, deps.admins, user, siteId);
    return { id: user.id, name: user.display_name, admin };
  }

  return new Hono<AppEnv>()
    .post('/register', async (c) => {
      const body = await jsonBody(c, registerStartSchema);
      const site = c.get('site');
      const contact = sendableContact(body.channel, body.contact, site);
      if (!(await isAcceptablePassword(body.password, contact))) throw new ApiError('password_weak');
      const taken = await takeSendLimits(c, contact);
      // Hashed whether or not the contact has an account, so both take the same time.
      const passwordHash = await hashPassword(body.password);
      const lang = body.lang ?? defaultLanguage;
      if (await findUserByContact(db, contact)) {
        await send(
          site,
          alreadyRegisteredMessage(messageContext(c, body.channel, contact, lang)),
          taken,
          contact,
        );
      } else {
        const pending: PendingRegistration = { name: body.name, passwordHash };
        await sendCode(
          c,
          target('register', contact, site),
          body.channel,
          lang,
          taken,
          JSON.stringify(pending),
        );
      }
      return c.json(codeSent(body.channel), 202);
    })

    .post('/register/confirm', async (c) => {
      const body = await jsonBody(c, registerConfirmSchema);
      const site = c.get('site');
      const contact = knownContact(body.channel, body.contact, site);
      const used = await useCode(db, secret, target('register', contact, site), body.code, clock.now());
      if (!used?.payload) throw new ApiError('code_invalid');
      const pending = JSON.parse(used.payload) as PendingRegistration;
      // The pending registration may have been replaced by someone else's start for this contact:
      // only the person who chose this password may finish it. One answer for every failure.
      if (!(await verifyPassword(pending.passwordHash, body.password))) throw new ApiError('code_invalid');
      const user = {
        id: randomId(),
        display_name: pending.name,
        email: body.channel === 'email' ? contact : null,
        phone: body.channel === 'phone' ? contact : null,
      };
      const token = await db.transaction().execute(async (tx) => {
        // Someone registered this contact since the code was sent: the code is no good any more.
        if (await findUserByContact(tx, contact)) return null;
        await insertUser(
          tx,
          {
            id: user.id,
            displayName: user.display_name,
            email: user.email,
            phone: user.phone,
            passwordHash: pending.passwordHash,
          },
          clock.now(),
        );
        return createSession(tx, user.id, site.id, clock.now());
      });
      if (!token) throw new ApiError('code_invalid');
      return c.json({ token, user: await publicUser(user, site.id) } satisfies SignedIn, 200);
    })

    .post('/code/resend', async (c) => {
      const body = await jsonBody(c, resendCodeSchema);
      const site = c.get('site');
      const contact = sendableContact(body.channel, body.contact, site);
      const taken = await takeSendLimits(c, contact);
      const lang = body.lang ?? defaultLanguage;
      const account = await findUserByContact(db, contact);
      const codeTarget = target(body.purpose, contact, site);
      if (body.purpose === 'register' && account) {
        await send(
          site,
          alreadyRegisteredMessage(messageContext(c, body.channel, contact, lang)),
          taken,
          contact,
        );
      } else if (body.purpose === 'register') {
        const payload = await pendingPayload(db, codeTarget, clock.now());
        if (payload) await sendCode(c, codeTarget, body.channel, lang, taken, payload);
        else await sendNothing(site, body.channel);
      } else if (account) {
        await sendCode(c, codeTarget, body.channel, lang, taken, null);
      } else {
        await sendNothing(site, body.channel);
      }
      return c.json(codeSent(body.channel), 202);
    })

    .post('/login', async (c) => {
      const body = await jsonBody(c, loginSchema);
      const site = c.get('site');
      const contact = knownContact(body.channel, body.contact, site);
      const user = await signIn(
        db,
        { contact, network: networkOf(deps.clientIp(c)) },
        body.password,
        clock.now(),
      );
      const token = await createSession(db, user.id, site.id, clock.now());
      return c.json({ token, user: await publicUser(user, site.id) } satisfies SignedIn, 200);
    })

    .post('/logout', requireUser(db, clock), async (c) => {
      await revokeSession(db, bearerToken(c)!);
      return c.body(null, 204);
    })

    .get('/me', requireUser(db, clock), async (c) => {
      const user = c.get('user') as SessionUser;
      const me: Me = {
        user: await publicUser({ ...user, display_name: user.displayName }, c.get('site').id),
      };
      c.header('Cache-Control', 'no-store');
      return c.json(me, 200);
    })

    .post('/reset', async (c) => {
      const body = await jsonBody(c, resetStartSchema);
      const site = c.get('site');
      const contact = sendableContact(body.channel, body.contact, site);
      const taken = await takeSendLimits(c, contact);
      const lang = body.lang ?? defaultLanguage;
      if (await findUserByContact(db, contact)) {
        await sendCode(c, target('reset', contact, site), body.channel, lang, taken, null);
      } else {
        await sendNothing(site, body.channel);
      }
      return c.json(codeSent(body.channel), 202);
    })

    .post('/reset/verify', async (c) => {
      const body = await jsonBody(c, resetVerifySchema);
      const site = c.get('site');
      const contact = knownContact(body.channel, body.contact, site);
      const used = await useCode(db, secret, target('reset', contact, site), body.code, clock.now());
      const user = used ? await findUserByContact(db, contact) : undefined;
      if (!user) throw new ApiError('code_invalid');
      const ticket = await createResetTicket(db, user.id, site.id, clock.now());
      return c.json({ ticket } satisfies ResetTicket, 200);
    })

    .post('/reset/finish', async (c) => {
      const body = await jsonBody(c, resetFinishSchema);
      const site = c.get('site');
      const userId = await ticketUser(db, body.ticket, site.id, clock.now());
      const user = userId ? await getUser(db, userId) : undefined;
      if (!user) throw new ApiError('code_invalid');
      const contacts = [user.email, user.phone].filter((x): x is string => x !== null);
      for (const contact of contacts) {
        if (!(await isAcceptablePassword(body.password, contact))) throw new ApiError('password_weak');
      }
      const passwordHash = await hashPassword(body.password);
      const changed = await db.transaction().execute(async (tx) => {
        if (!(await useResetTicket(tx, body.ticket, clock.now()))) return false;
        await setPasswordHash(tx, user.id, passwordHash);
        // A changed password ends every session (a thief's too), every outstanding code, and the
        // sign-in lockout that a reset is the only way out of.
        await revokeUserSessions(tx, user.id);
        for (const contact of contacts) {
          await dropCodes(tx, contact);
          await clearSignInFailures(tx, contact);
        }
        return true;
      });
      if (!changed) throw new ApiError('code_invalid');
      return c.body(null, 204);
    });
}

type Lang = NonNullable<MessageContext['lang']>;

function target(purpose: CodePurpose, contact: string, site: Site): CodeTarget {
  return { purpose, contact, siteId: site.id };
}

/** The contact in its normal form; the channel must match what was typed (no email on the phone tab). */
function knownContact(channel: Channel, input: string, site: Site): string {
  const contact = contactForChannel(channel, input, site.defaultCountry);
  if (!contact) throw new ApiError('contact_invalid');
  return contact.value;
}

/** A contact we may send to: phones only in the site's SMS countries (SMS pumping, toll fraud). */
function sendableContact(channel: Channel, input: string, site: Site): string {
  const contact = contactForChannel(channel, input, site.defaultCountry);
  if (!contact) throw new ApiError('contact_invalid');
  if (contact.kind === 'phone' && !site.settings.smsCountries.includes(contact.country)) {
    throw new ApiError('sms_country_not_allowed');
  }
  return contact.value;
}

function messageContext(c: Context<AppEnv>, channel: Channel, to: string, lang: Lang): MessageContext {
  // The Origin passed the site guard, so it is one of the site's own pages.
  const origin = c.req.header('origin');
  return {
    lang,
    channel,
    to,
    siteName: c.get('site').name,
    pageHost: origin ? new URL(origin).hostname : null,
  };
}
