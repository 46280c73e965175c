/** Everything createApp(deps) is given: main.ts passes the real parts, tests in-memory ones. */
import type { Kysely } from 'kysely';
import type { Assets } from './assets.ts';
import type { ChallengeConfig } from './auth/challenge.ts';
import type { VerifyLogin } from './auth/verify-login.ts';
import type { Clock } from './clock.ts';
import type { SmsLimits } from './config.ts';
import type { Outbox } from './delivery/log.ts';
import type { Delivery } from './delivery/transport.ts';
import type { ClientIp } from './http/client-ip.ts';
import type { LiveThreads } from './live/hub.ts';
import type { Logger } from './logger.ts';
import type { Database } from './storage/schema.ts';

export interface Deps {
  db: Kysely<Database>;
  clock: Clock;
  assets: Assets;
  /** The server's public origin, e.g. "https://comments.example.kz". */
  publicUrl: string;
  log: Logger;
  /** SMS and email, chosen once at start-up (delivery/from-config.ts). */
  delivery: Delivery;
  /** The HMAC key of one-time codes (auth/secret.ts). */
  secret: Buffer;
  /** The client's address, for per-network limits (http/client-ip.ts). */
  clientIp: ClientIp;
  /** ADMINS: normalised emails and phones that administer every site. */
  admins: string[];
  /** The log transports' outbox, shown at /dev/outbox; null in production. */
  outbox: Outbox | null;
  /** Checks an admin-panel sign-in; the account's id when the password matches. */
  verifyLogin: VerifyLogin;
  /** The server's daily SMS budget, its time zone, the length of a number range; default config.ts defaultSmsLimits. */
  smsLimits?: SmsLimits;
  /** How much work a proof-of-work challenge asks; default auth/challenge.ts defaultChallengeConfig. */
  challenge?: ChallengeConfig;
  /** The live thread's fan-out (live/hub.ts); default: one over `db` with the SQLite poller. */
  live?: LiveThreads;
  /** Serve the demo article at `/`; main.ts turns it off in production (no demo site there). */
  demoPage?: boolean;
}
