/**
 * The reader's own data (shared/contract/accounts.ts, docs/privacy.md): download it, and erase the
 * account after confirming with a one-time code sent to the account's own phone (else email). The
 * code is the usual kind (auth/codes.ts: hashed, 10 minutes, 5 tries, single use) with a purpose of
 * its own, so a registration or reset code is no good here; its sending goes through the same
 * limits as every code (auth/code-sender.ts). A stolen session alone cannot erase an account.
 */
import type { Channel } from '../../shared/api.ts';
import { defaultLanguage } from '../../shared/i18n/languages.ts';
import { RESEND_INTERVAL_S } from '../../shared/limits.ts';
import { defaultChallengeConfig } from '../auth/challenge.ts';
import { createCodeSender } from '../auth/code-sender.ts';
import { useCode } from '../auth/codes.ts';
import { sendableContact } from '../auth/contacts.ts';
import { defaultSmsLimits } from '../config.ts';
import { alerter } from '../delivery/alerts.ts';
import type { Deps } from '../deps.ts';
import { networkOf, wideNetworkOf } from '../http/client-ip.ts';
import { Endpoints } from '../http/endpoint.ts';
import { Refusal, rateLimited } from '../refusal.ts';
import { accountData } from '../storage/account-data.ts';
import { eraseAccount } from '../storage/account-erasure.ts';
import { readCounts, secondsLeft, takeHit, type Window } from '../storage/rate-counters.ts';

const HOUR = 3600_000;
/** Downloads per reader an hour: each reads every comment of theirs. */
export const EXPORTS_PER_HOUR = 10;
/** Erasure codes tried per reader an hour, across codes (each code also dies after 5 wrong tries). */
export const ERASE_TRIES_PER_HOUR = 10;

export function accountRoutes(deps: Deps) {
  const { db, clock } = deps;
  const codes = createCodeSender({
    ...deps,
    smsLimits: deps.smsLimits ?? defaultSmsLimits,
    challenge: deps.challenge ?? defaultChallengeConfig,
    alert: alerter(deps),
  });

  /** Takes one of the reader's allowance in `window`, or refuses with the seconds left. */
  async function allow(window: Window, cap: number) {
    const now = clock.now();
    if (await takeHit(db, window, cap, now)) return;
    throw rateLimited(secondsLeft(await readCounts(db, [window]), window, now));
  }

  return new Endpoints()
    .endpoint('GET /api/sites/:site/account/export', async (c) => {
      const user = c.get('user')!;
      await allow({ key: `account:export:${user.id}|1h`, windowMs: HOUR }, EXPORTS_PER_HOUR);
      const data = await accountData(db, user.id, clock.now());
      c.header('Cache-Control', 'no-store');
      c.header('Content-Disposition', 'attachment; filename="pikir-account.json"');
      return data!;
    })

    .endpoint('POST /api/sites/:site/account/delete', async (c, { body }) => {
      const site = c.get('site');
      const user = c.get('user')!;
      const channel: Channel = user.phone ? 'phone' : 'email';
      const contact = sendableContact(channel, (user.phone ?? user.email)!, site);
      const ip = deps.clientIp(c);
      const reservation = await codes.reserve({
        site,
        channel,
        kind: 'delete_account',
        contact: contact.key,
        address: contact.address,
        country: contact.country,
        network: networkOf(ip),
        wideNetwork: wideNetworkOf(ip),
        lang: body.lang ?? defaultLanguage,
        pageHost: hostOf(c.req.header('origin')),
        proof: body.proof,
      });
      await codes.sendCode(reservation, 'delete_account', null);
      return { channel, resendAfter: RESEND_INTERVAL_S };
    })

    .endpoint('POST /api/sites/:site/account/delete/confirm', async (c, { body }) => {
      const site = c.get('site');
      const user = c.get('user')!;
      await allow({ key: `account:erase:${user.id}|1h`, windowMs: HOUR }, ERASE_TRIES_PER_HOUR);
      const contact = sendableContact(user.phone ? 'phone' : 'email', (user.phone ?? user.email)!, site).key;
      const target = { purpose: 'delete_account' as const, contact, siteId: site.id };
      if (!(await useCode(db, deps.secret, target, body.code, clock.now()))) {
        throw new Refusal('code_invalid');
      }
      await eraseAccount(db, user.id, clock.now());
      deps.log(`account ${user.id} erased at its owner's request on site ${site.id}`);
      return undefined;
    });
}

function hostOf(origin: string | undefined): string | null {
  return origin ? new URL(origin).hostname : null;
}
