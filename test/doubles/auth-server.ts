/**
 * A fetch double that speaks the accounts contract of shared/api.ts: bodies are checked with the
 * real valibot schemas (a widget that sends a field too many gets the server's 400), codes are
 * always CODE, resends are refused for RESEND_INTERVAL_S with `retryAfter`, and sessions are
 * Bearer tokens. `failNext` answers the next request to a path with any status and error, or
 * with a network failure. The clock is Date.now(), so fake timers move it.
 */
import * as v from 'valibot';
import type { Me, PublicUser, SignedIn, ThreadPage } from '../../shared/api.ts';
import { parseContact } from '../../shared/contact.ts';
import type { ErrorBody, ErrorCode } from '../../shared/errors.ts';
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

export const BASE = 'https://comments.example.kz';
export const SITE = 'news';
export const CODE = '123456';

export interface Recorded {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

interface Account {
  user: PublicUser;
  password: string;
}

type Failure = { status: number; error: { code: ErrorCode; retryAfter?: number } } | 'network';

export function authServer(options: { defaultCountry?: string } = {}) {
  const defaultCountry = options.defaultCountry ?? 'KZ';
  const accounts = new Map<string, Account>();
  const sessions = new Map<string, string>();
  const pending = new Map<string, { purpose: 'register' | 'reset'; name?: string; password?: string }>();
  const lastSend = new Map<string, number>();
  const tickets = new Map<string, string>();
  const failures = new Map<string, Failure[]>();
  const requests: Recorded[] = [];
  let serial = 0;

  const json = (status: number, body: unknown) =>
    ({ status, ok: status < 400, json: async () => body }) as unknown as Response;
  const fail = (status: number, code: ErrorCode, retryAfter?: number) =>
    json(status, { error: { code, message: code, retryAfter } } satisfies ErrorBody);
  const keyOf = (contact: string) => parseContact(contact, defaultCountry)?.value ?? null;

  function send(
    key: string,
    purpose: 'register' | 'reset',
    extra: { name?: string; password?: string } = {},
  ) {
    const since = Date.now() - (lastSend.get(key) ?? Number.NEGATIVE_INFINITY);
    if (since < RESEND_INTERVAL_S * 1000) {
      return fail(429, 'rate_limited', Math.ceil((RESEND_INTERVAL_S * 1000 - since) / 1000));
    }
    lastSend.set(key, Date.now());
    pending.set(key, { ...pending.get(key), purpose, ...extra });
    return json(202, { channel: key.includes('@') ? 'email' : 'phone', resendAfter: RESEND_INTERVAL_S });
  }

  function signIn(key: string): SignedIn {
    const token = `token-${++serial}-abcdefghijklmnopqrstuvwxyz`;
    sessions.set(token, key);
    return { token, user: accounts.get(key)!.user };
  }

  function handle(method: string, path: string, body: unknown, bearer: string | null): Response {
    const route = path.replace(`/api/sites/${SITE}`, '');
    const parse = <S extends v.GenericSchema>(schema: S) => v.safeParse(schema, body);

    if (method === 'GET' && route === '/comments') {
      return json(200, {
        page: 'a',
        total: 0,
        comments: [],
        nextCursor: null,
        config: { defaultCountry, commentMaxLength: 5000 },
      } satisfies ThreadPage);
    }
    if (method === 'GET' && route === '/auth/me') {
      const key = bearer && sessions.get(bearer);
      return key ? json(200, { user: accounts.get(key)!.user } satisfies Me) : fail(401, 'unauthorized');
    }
    if (method === 'POST' && route === '/auth/logout') {
      if (!bearer || !sessions.delete(bearer)) return fail(401, 'unauthorized');
      return json(204, null);
    }
    if (method === 'POST' && route === '/auth/register') {
      const input = parse(registerStartSchema);
      if (!input.success) return fail(400, 'invalid_request');
      const key = keyOf(input.output.contact);
      if (!key) return fail(400, 'contact_invalid');
      return send(key, 'register', { name: input.output.name, password: input.output.password });
    }
    if (method === 'POST' && route === '/auth/register/confirm') {
      const input = parse(registerConfirmSchema);
      if (!input.success) return fail(400, 'invalid_request');
      const key = keyOf(input.output.contact);
      const started = key ? pending.get(key) : undefined;
      if (!key || started?.purpose !== 'register' || input.output.code !== CODE)
        return fail(400, 'code_invalid');
      pending.delete(key);
      accounts.set(key, {
        user: { id: `u${++serial}`, name: started.name!, admin: false },
        password: started.password!,
      });
      return json(200, signIn(key));
    }
    if (method === 'POST' && route === '/auth/code/resend') {
      const input = parse(resendCodeSchema);
      if (!input.success) return fail(400, 'invalid_request');
      const key = keyOf(input.output.contact);
      return key ? send(key, input.output.purpose) : fail(400, 'contact_invalid');
    }
    if (method === 'POST' && route === '/auth/login') {
      const input = parse(loginSchema);
      if (!input.success) return fail(400, 'invalid_request');
      const key = keyOf(input.output.contact);
      const account = key ? accounts.get(key) : undefined;
      if (!key || account?.password !== input.output.password) return fail(401, 'invalid_credentials');
      return json(200, signIn(key));
    }
    if (method === 'POST' && route === '/auth/reset') {
      const input = parse(resetStartSchema);
      if (!input.success) return fail(400, 'invalid_request');
      const key = keyOf(input.output.contact);
      return key ? send(key, 'reset') : fail(400, 'contact_invalid');
    }
    if (method === 'POST' && route === '/auth/reset/verify') {
      const input = parse(resetVerifySchema);
      if (!input.success) return fail(400, 'invalid_request');
      const key = keyOf(input.output.contact);
      if (!key || pending.get(key)?.purpose !== 'reset' || input.output.code !== CODE)
        return fail(400, 'code_invalid');
      pending.delete(key);
      const ticket = `ticket-${++serial}-abcdefghijklmnop`;
      tickets.set(ticket, key);
      return json(200, { ticket });
    }
    if (method === 'POST' && route === '/auth/reset/finish') {
      const input = parse(resetFinishSchema);
      if (!input.success) return fail(400, 'invalid_request');
      const key = tickets.get(input.output.ticket);
      const account = key ? accounts.get(key) : undefined;
      if (!key || !account) return fail(400, 'code_invalid');
      tickets.delete(input.output.ticket);
      account.password = input.output.password;
      for (const [token, owner] of sessions) if (owner === key) sessions.delete(token);
      return json(204, null);
    }
    return fail(404, 'not_found');
  }

  const fetchDouble: typeof fetch = async (input, init = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const headers = (init.headers ?? {}) as Record<string, string>;
    const authorization = headers.Authorization ?? null;
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, path: url.pathname, body, authorization });
    const failure = failures.get(url.pathname)?.shift();
    if (failure === 'network') throw new TypeError('Failed to fetch');
    if (failure) return fail(failure.status, failure.error.code, failure.error.retryAfter);
    return handle(method, url.pathname, body, authorization?.replace(/^Bearer /, '') ?? null);
  };

  return {
    fetch: fetchDouble,
    requests,
    sessions,
    /** An account that exists before the test, signed in nowhere. */
    addAccount(contact: string, name: string, password: string) {
      const key = keyOf(contact)!;
      accounts.set(key, { user: { id: `u${++serial}`, name, admin: false }, password });
    },
    /** A live session for an existing account, as if signed in on an earlier page view. */
    sessionFor(contact: string): string {
      return signIn(keyOf(contact)!).token;
    },
    /** The next request to `path` fails this way. */
    failNext(path: string, failure: Failure) {
      failures.set(path, [...(failures.get(path) ?? []), failure]);
    },
    passwordOf(contact: string) {
      return accounts.get(keyOf(contact)!)?.password;
    },
  };
}

export type AuthServer = ReturnType<typeof authServer>;

export const authPath = (route: string) => `/api/sites/${SITE}/auth${route}`;
