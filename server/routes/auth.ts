/**
 * Accounts (shared/contract/accounts.ts): register with a code, sign in, sign out, and change a
 * forgotten password with a code. The rules are in ../auth/; sending codes is ../auth/code-sender.ts.
 *
 * No answer tells whether a contact has an account: registering a taken contact answers like a
 * new one (the owner gets a notice instead of a code), a reset for an unknown contact answers
 * like a known one, and sign-in has one error for both wrong password and unknown account.
 */
import type { Context } from 'hono';
import type { Channel, CodeSent, PublicUser } from '../../shared/api.ts';
import { contactKey } from '../../shared/contact.ts';
import { defaultLanguage, type Language } from '../../shared/i18n/languages.ts';
import { RESEND_INTERVAL_S } from '../../shared/limits.ts';
import { isSiteAdmin } from '../auth/admins.ts';
import { defaultChallengeConfig } from '../auth/challenge.ts';
import { createCodeSender } from '../auth/code-sender.ts';
import { type CodeTarget, dropCodes, pendingPayload, useCode } from '../auth/codes.ts';
import { knownContact, type SendableContact, sendableContact } from '../auth/contacts.ts';
import { hashPassword, isAcceptablePassword, verifyPassword } from '../auth/passwords.ts';
import { createResetTicket, ticketUser, useResetTicket } from '../auth/reset-tickets.ts';
import type { SendKind } from '../auth/send-limits.ts';
import { createSession, revokeSession, revokeUserSessions } from '../auth/sessions.ts';
import { signIn } from '../auth/sign-in.ts';
import { clearSignInFailures } from '../auth/sign-in-throttle.ts';
import { defaultSmsLimits } from '../config.ts';
import { alerter } from '../delivery/alerts.ts';
import type { Deps } from '../deps.ts';
import { networkOf, wideNetworkOf } from '../http/client-ip.ts';
import { Endpoints } from '../http/endpoint.ts';
import type { AppEnv } from '../http/env.ts';
import { bearerToken } from '../http/session.ts';
import { randomId } from '../ids.ts';
import { Refusal } from '../refusal.ts';
import type { Site } from '../storage/sites.ts';
import { findUserByContact, getUser, insertUser, setPasswordHash } from '../storage/users.ts';

/** What a pending registration keeps until its code is confirmed. */
interface PendingRegistration {
  name: string;
  passwordHash: string;
}

const codeSent = (channel: Channel): CodeSent => ({ channel, resendAfter: RESEND_INTERVAL_S });

export function authRoutes(deps: Deps) {
  const { db, clock, secret } = deps;
  const alert = alerter(deps);
  const codes = createCodeSender({
    ...deps,
    smsLimits: deps.smsLimits ?? defaultSmsLimits,
    challenge: deps.challenge ?? defaultChallengeConfig,
    alert,
  });

  /** Checks and takes the send limits for a contact, before any costly work (no hashing, no lookup). */
  const reserve = (
    c: Context<AppEnv>,
    kind: SendKind,
    channel: Channel,
    contact: SendableContact,
    body: { lang?: Language; proof?: string },
  ) => {
    const ip = deps.clientIp(c);
    return codes.reserve({
      site: c.get('site'),
      channel,
      kind,
      contact: contact.key,
      address: contact.address,
      country: contact.country,
      network: networkOf(ip),
      wideNetwork: wideNetworkOf(ip),
      lang: body.lang ?? defaultLanguage,
      // The Origin passed the site guard, so it is one of the site's own pages.
      pageHost: hostOf(c.req.header('origin')),
      proof: body.proof,
    });
  };

  async function publicUser(
    user: { id: string; name: string; email: string | null; phone: string | null },
    siteId: string,
  ): Promise<PublicUser> {
    return { id: user.id, name: user.name, admin: await isSiteAdmin(db, deps.admins, user, siteId) };
  }

  return new Endpoints()
    .endpoint('POST /api/sites/:site/auth/register', async (c, { body }) => {
      const site = c.get('site');
      const contact = sendableContact(body.channel, body.contact, site);
      if (!(await isAcceptablePassword(body.password, contact.key, site))) throw new Refusal('password_weak');
      const reservation = await reserve(c, 'register', body.channel, contact, body);
      // Hashed whether or not the contact has an account, so both take the same time.
      const passwordHash = await hashPassword(body.password);
      const account = await findUserByContact(db, contact.key);
      if (account) {
        await codes.sendNotice(reservation, addressOf(account, body.channel));
      } else {
        const pending: PendingRegistration = { name: body.name, passwordHash };
        await codes.sendCode(reservation, 'register', JSON.stringify(pending));
      }
      return codeSent(body.channel);
    })

    .endpoint('POST /api/sites/:site/auth/register/confirm', async (c, { body }) => {
      const site = c.get('site');
      const contact = knownContact(body.channel, body.contact, site);
      const used = await useCode(db, secret, target('register', contact, site), body.code, clock.now());
      if (!used?.payload) throw new Refusal('code_invalid');
      const pending = JSON.parse(used.payload) as PendingRegistration;
      // The pending registration may have been replaced by someone else's start for this contact:
      // only the person who chose this password may finish it. One answer for every failure.
      if (!(await verifyPassword(pending.passwordHash, body.password))) throw new Refusal('code_invalid');
      const user = {
        id: randomId(),
        name: pending.name,
        // The address as typed now: the code proved this mailbox, whatever the case it is written in.
        email: body.channel === 'email' ? emailAddress(body.contact, site) : null,
        phone: body.channel === 'phone' ? contact : null,
      };
      const token = await db.transaction().execute(async (tx) => {
        // Someone registered this contact since the code was sent: the code is no good any more.
        if (await findUserByContact(tx, contact)) return null;
        const { id, name, email, phone } = user;
        await insertUser(
          tx,
          { id, displayName: name, email, phone, passwordHash: pending.passwordHash },
          clock.now(),
        );
        return createSession(tx, user.id, site.id, clock.now());
      });
      if (!token) throw new Refusal('code_invalid');
      return { token, user: await publicUser(user, site.id) };
    })

    .endpoint('POST /api/sites/:site/auth/code/resend', async (c, { body }) => {
      const site = c.get('site');
      const contact = sendableContact(body.channel, body.contact, site);
      const reservation = await reserve(c, 'resend', body.channel, contact, body);
      const account = await findUserByContact(db, contact.key);
      if (body.purpose === 'register' && account) {
        await codes.sendNotice(reservation, addressOf(account, body.channel));
      } else if (body.purpose === 'register') {
        const payload = await pendingPayload(db, target('register', contact.key, site), clock.now());
        await (payload ? codes.sendCode(reservation, 'register', payload) : codes.sendNothing(reservation));
      } else if (account) {
        await codes.sendCode(reservation, 'reset', null, addressOf(account, body.channel));
      } else {
        await codes.sendNothing(reservation);
      }
      return codeSent(body.channel);
    })

    .endpoint('POST /api/sites/:site/auth/login', async (c, { body }) => {
      const site = c.get('site');
      const contact = knownContact(body.channel, body.contact, site);
      const network = networkOf(deps.clientIp(c));
      const user = await signIn(db, { contact, network, siteId: site.id }, body.password, clock.now(), alert);
      const token = await createSession(db, user.id, site.id, clock.now());
      return { token, user: await publicUser({ ...user, name: user.display_name }, site.id) };
    })

    .endpoint('POST /api/sites/:site/auth/logout', async (c) => {
      await revokeSession(db, bearerToken(c)!);
      return undefined;
    })

    .endpoint('GET /api/sites/:site/auth/me', async (c) => {
      const user = c.get('user')!;
      c.header('Cache-Control', 'no-store');
      return { user: await publicUser({ ...user, name: user.displayName }, c.get('site').id) };
    })

    .endpoint('POST /api/sites/:site/auth/reset', async (c, { body }) => {
      const site = c.get('site');
      const contact = sendableContact(body.channel, body.contact, site);
      const reservation = await reserve(c, 'reset', body.channel, contact, body);
      const account = await findUserByContact(db, contact.key);
      // The code goes to the account's own address, never to the string typed (security-requirements G2).
      await (account
        ? codes.sendCode(reservation, 'reset', null, addressOf(account, body.channel))
        : codes.sendNothing(reservation));
      return codeSent(body.channel);
    })

    .endpoint('POST /api/sites/:site/auth/reset/verify', async (c, { body }) => {
      const site = c.get('site');
      const contact = knownContact(body.channel, body.contact, site);
      const used = await useCode(db, secret, target('reset', contact, site), body.code, clock.now());
      const user = used ? await findUserByContact(db, contact) : undefined;
      if (!user) throw new Refusal('code_invalid');
      return { ticket: await createResetTicket(db, user.id, site.id, clock.now()) };
    })

    .endpoint('POST /api/sites/:site/auth/reset/finish', async (c, { body }) => {
      const site = c.get('site');
      const userId = await ticketUser(db, body.ticket, site.id, clock.now());
      const user = userId ? await getUser(db, userId) : undefined;
      if (!user) throw new Refusal('code_invalid');
      const contacts = [user.email, user.phone].filter((x): x is string => x !== null);
      for (const contact of contacts) {
        if (!(await isAcceptablePassword(body.password, contact, site))) throw new Refusal('password_weak');
      }
      const passwordHash = await hashPassword(body.password);
      const changed = await db.transaction().execute(async (tx) => {
        if (!(await useResetTicket(tx, body.ticket, clock.now()))) return false;
        await setPasswordHash(tx, user.id, passwordHash);
        // A changed password ends every session (a thief's too), every outstanding code, and the
        // sign-in lockout that a reset is the only way out of.
        await revokeUserSessions(tx, user.id);
        for (const contact of contacts.map(contactKey)) {
          await dropCodes(tx, contact);
          await clearSignInFailures(tx, contact);
        }
        return true;
      });
      if (!changed) throw new Refusal('code_invalid');
      return undefined;
    });
}

function target(purpose: CodeTarget['purpose'], contact: string, site: Site): CodeTarget {
  return { purpose, contact, siteId: site.id };
}

/** Where a message for an existing account goes: its own stored address on the channel used. */
function addressOf(account: { email: string | null; phone: string | null }, channel: Channel): string {
  return (channel === 'email' ? account.email : account.phone)!;
}

function emailAddress(input: string, site: Site): string {
  return sendableContact('email', input, site).address;
}

function hostOf(origin: string | undefined): string | null {
  return origin ? new URL(origin).hostname : null;
}
